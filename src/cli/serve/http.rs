//! The preview server: the index, the live-reload script and event stream, and the built
//! files; nothing else. Every request's `Host` must name this server (a page of another site
//! that resolves its name to 127.0.0.1 is refused), and a path may not leave the build folder,
//! name a hidden file, or pass through a symbolic link.

use std::convert::Infallible;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{Shared, page};

/// The largest file the server sends: far more than any built file.
const MAX_FILE: u64 = 256 * 1024 * 1024;

/// Where the live-reload script and events are: a name no built file can have (a model's id
/// never starts with `_`).
pub(super) const LIVE_JS: &str = "/_demarcate/live.js";
const EVENTS: &str = "/_demarcate/events";

/// `host:port` as a browser writes it for `address`.
pub(super) fn authority(address: IpAddr, port: u16) -> String {
    match address {
        IpAddr::V4(a) => format!("{a}:{port}"),
        IpAddr::V6(a) => format!("[{a}]:{port}"),
    }
}

/// The `Host` values this server answers to: the loopback names, and the address it listens
/// on.
pub(super) fn allowed_hosts(address: IpAddr, port: u16) -> Vec<String> {
    let mut hosts = vec![
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        authority(address, port),
    ];
    hosts.sort();
    hosts.dedup();
    hosts
}

/// SIGINT and SIGTERM, listened for from when this is made: made before the server says it
/// is serving, so a signal sent as soon as it does is never the default (a kill).
pub(super) struct Signals {
    #[cfg(unix)]
    unix: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl Signals {
    /// Starts listening; needs the runtime entered.
    pub(super) fn new() -> Signals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let unix = signal(SignalKind::terminate())
                .and_then(|t| signal(SignalKind::interrupt()).map(|i| (t, i)))
                .ok();
            Signals { unix }
        }
        #[cfg(not(unix))]
        Signals {}
    }

    /// Resolves on SIGINT (Ctrl-C) or SIGTERM.
    async fn stopped(self) {
        #[cfg(unix)]
        if let Some((mut term, mut int)) = self.unix {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// How long a client may take to send a request's headers (a connection that sends half a
/// request, or stays idle between requests, is closed then).
const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The most connections served at once (each open page holds one for its event stream);
/// further clients wait to be accepted.
const MAX_CONNECTIONS: usize = 128;

/// Serves until SIGINT or SIGTERM, then ends every event stream and returns. Each connection
/// is HTTP/1.1 through hyper with a header timeout and a bounded header buffer, and at most
/// [`MAX_CONNECTIONS`] are open at once.
pub(super) async fn serve(
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    signals: Signals,
) -> std::io::Result<()> {
    let app = Router::new()
        .route("/", get(index))
        .route(LIVE_JS, get(live_js))
        .route(EVENTS, get(events))
        .fallback(file)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            check_request,
        ))
        .with_state(Arc::clone(&shared));
    let service = hyper_util::service::TowerToHyperService::new(app);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let stopped = signals.stopped();
    tokio::pin!(stopped);
    loop {
        let permit = tokio::select! {
            p = Arc::clone(&permits).acquire_owned() => p.map_err(std::io::Error::other)?,
            () = &mut stopped => break,
        };
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // A client that gave up, or too many open files: wait a moment, go on.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stopped => break,
        };
        let conn = hyper::server::conn::http1::Builder::new()
            .timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .max_buf_size(64 * 1024)
            .serve_connection(hyper_util::rt::TokioIo::new(stream), service.clone());
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    shared.stop.send_replace(true);
    // Requests in flight finish; the event streams end with the stop just sent.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(2), graceful.shutdown()).await;
    Ok(())
}

/// Refuses a request whose `Host` is not this server's (the DNS rebinding defence), one that
/// names the host twice, and one whose target is in absolute form (`GET http://other/ …`, the
/// form a proxy takes, never a browser asking this server).
async fn check_request(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    if req.uri().scheme().is_some() || req.uri().authority().is_some() {
        return refuse(
            StatusCode::BAD_REQUEST,
            "refused: this preview is not a proxy (the request names a full URL)",
        );
    }
    let mut hosts = req.headers().get_all(header::HOST).iter();
    let (host, again) = (hosts.next(), hosts.next());
    if again.is_some() {
        return refuse(
            StatusCode::BAD_REQUEST,
            "refused: the request names its Host more than once",
        );
    }
    let host = host
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    match host {
        Some(h) if shared.hosts.contains(&h) => next.run(req).await,
        _ => refuse(
            StatusCode::MISDIRECTED_REQUEST,
            "refused: this preview answers only to its own address (the Host header names another)",
        ),
    }
}

fn refuse(status: StatusCode, why: &'static str) -> Response {
    let mut r = (status, why).into_response();
    secure(&mut r, "text/plain; charset=utf-8");
    r
}

/// The headers every response carries: its type, no sniffing, no caching, no referrer, and a
/// policy that lets a page load only this server's script and pictures.
fn secure(r: &mut Response, content_type: &'static str) {
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
}

fn ok(bytes: Vec<u8>, content_type: &'static str) -> Response {
    let mut r = Response::new(Body::from(bytes));
    secure(&mut r, content_type);
    r
}

async fn index(State(shared): State<Arc<Shared>>) -> Response {
    let status = shared.status();
    let html = page::index(&shared.root, &status, shared.main_theme);
    ok(html.into_bytes(), "text/html; charset=utf-8")
}

async fn live_js() -> Response {
    ok(
        page::LIVE_SCRIPT.as_bytes().to_vec(),
        "text/javascript; charset=utf-8",
    )
}

/// The event stream: the current build's generation at once, then each new one; it ends when
/// the server stops.
async fn events(State(shared): State<Arc<Shared>>) -> Response {
    let builds = shared.builds.subscribe();
    let stop = shared.stop.subscribe();
    let stream = futures_util::stream::unfold(
        (builds, stop, true),
        |(mut builds, mut stop, first)| async move {
            if *stop.borrow() {
                return None;
            }
            if !first {
                tokio::select! {
                    changed = builds.changed() => changed.ok()?,
                    _ = stop.changed() => return None,
                }
            }
            let generation = *builds.borrow_and_update();
            let event = Event::default().event("build").data(generation.to_string());
            Some((Ok::<_, Infallible>(event), (builds, stop, false)))
        },
    );
    let mut r = Sse::new(stream)
        .keep_alive(KeepAlive::default())
        .into_response();
    secure(&mut r, "text/event-stream");
    r
}

/// A built file, by its path under the build folder; an HTML page gets the live-reload script.
async fn file(State(shared): State<Arc<Shared>>, method: Method, req: Request) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = refuse(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let Some(segments) = resolve(req.uri().path()) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "refused: the path leaves the build folder or names a hidden file",
        );
    };
    let root = shared.root.clone();
    let Ok(Some((mut bytes, kind))) =
        tokio::task::spawn_blocking(move || read(&root, &segments)).await
    else {
        return refuse(StatusCode::NOT_FOUND, "not found: no such built file");
    };
    if kind == "text/html; charset=utf-8" {
        bytes = page::with_live_script(&bytes, shared.status().generation);
    }
    ok(bytes, kind)
}

/// The segments of the URL path `path` below the build folder, or `None` when the path is
/// not one a build makes: a segment that is empty, `.`/`..` or hidden (starts with `.`), holds
/// a backslash, a colon or a control character, or is not UTF-8 once percent-decoded.
pub(super) fn resolve(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix('/')?;
    let mut out = Vec::new();
    let segments: Vec<&str> = rest.split('/').collect();
    if segments.len() > 8 {
        return None;
    }
    for raw in segments {
        let segment = percent_decode(raw)?;
        let bad = segment.is_empty()
            || segment.starts_with('.')
            || segment
                .chars()
                .any(|c| c == '/' || c == '\\' || c == ':' || c.is_control());
        if bad {
            return None;
        }
        out.push(segment);
    }
    Some(out)
}

/// `%XX` decoded; `None` for a bad escape or text that is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A regular file's bytes and its type, never through a symbolic link at any step below
/// `root`; `None` for anything else (a folder: no listings; a FIFO or a device: never opened).
fn read(root: &Path, segments: &[String]) -> Option<(Vec<u8>, &'static str)> {
    let mut path = root.to_path_buf();
    for s in segments {
        path.push(s);
        if std::fs::symlink_metadata(&path)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return None;
        }
    }
    let bytes = crate::files::read(&path, MAX_FILE, crate::files::Links::Refuse).ok()?;
    Some((bytes, content_type(&path)))
}

/// The `Content-Type` of a built file, by its extension.
fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "pdf" => "application/pdf",
        // Shown as text: a browser would download text/markdown.
        "md" | "gift" | "txt" => "text/plain; charset=utf-8",
        "zip" => "application/zip",
        "json" => "application/json",
        _ => "application/octet-stream",
    }
}
