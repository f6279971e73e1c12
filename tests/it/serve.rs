//! `serve` and `watch` as processes: no rebuild without a change of content, the preview
//! server's refusals (traversal, hidden files, listings, links, FIFOs, foreign `Host`s, other
//! methods), and a clean stop. The browser test (`.ci/web/serve.mjs`) covers live reload.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::spawn_in;

/// A docs repository: `model/` with the AWS model only.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("model")).unwrap();
    std::fs::copy("model/aws.yaml", dir.path().join("model/aws.yaml")).unwrap();
    dir
}

/// A running `demarcate` whose standard error is collected line by line; killed when dropped.
struct Running {
    child: Child,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Running {
    fn start(dir: &Path, args: &[&str]) -> Running {
        let mut child = spawn_in(dir)
            .args(args)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&lines);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Running { child, lines }
    }

    fn lines(&self) -> Vec<String> {
        self.lines.lock().unwrap().clone()
    }

    fn count(&self, prefix: &str) -> usize {
        self.lines()
            .iter()
            .filter(|l| l.starts_with(prefix))
            .count()
    }

    /// Waits up to 60 s for a line starting with `prefix`; returns it.
    fn wait_line(&self, prefix: &str) -> String {
        let end = Instant::now() + Duration::from_secs(60);
        while Instant::now() < end {
            if let Some(l) = self.lines().iter().find(|l| l.starts_with(prefix)) {
                return l.clone();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("no line `{prefix}…` in:\n{}", self.lines().join("\n"));
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The port `serve` printed.
fn port_of(line: &str) -> u16 {
    line.rsplit(':')
        .next()
        .and_then(|p| p.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {line}"))
}

/// A raw HTTP/1.1 request: the status code and the whole response.
fn get(port: u16, method: &str, path: &str, host: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let code = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, text)
}

#[test]
fn watch_and_serve_do_no_rebuild_in_ten_seconds_without_a_change() {
    let repo = repo();
    let d = repo.path();
    let watch = Running::start(d, &["watch", "--no-slides", "--format", "svg,md"]);
    let serve = Running::start(
        d,
        &["serve", "--port", "0", "--no-slides", "--format", "svg,md"],
    );
    watch.wait_line("1 model,");
    serve.wait_line("serving ");
    // Reading every input, and saving one unchanged, is no change either.
    let model = d.join("model/aws.yaml");
    let text = std::fs::read_to_string(&model).unwrap();
    std::fs::write(&model, &text).unwrap();
    std::thread::sleep(Duration::from_secs(10));
    assert_eq!(watch.count("1 model,"), 1, "{:?}", watch.lines());
    assert_eq!(serve.count("build "), 1, "{:?}", serve.lines());
    // One line a rebuild, with its time.
    std::fs::write(
        &model,
        text.replacen("label: Customer data", "label: Data", 1),
    )
    .unwrap();
    let line = watch.wait_line("1 model, ");
    assert!(line.ends_with(" ms"), "{line}");
    let rebuilt = serve.wait_line("build 2: done in ");
    assert!(rebuilt.ends_with(" ms"), "{rebuilt}");
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(watch.count("1 model,"), 2, "{:?}", watch.lines());
    assert_eq!(serve.count("build "), 2, "{:?}", serve.lines());
    // Two lines in all for two builds: no "watching…" line after each.
    assert_eq!(watch.lines().len(), 3, "{:?}", watch.lines());
}

#[test]
fn serve_sends_built_files_and_the_index_only() {
    let repo = repo();
    let d = repo.path();
    let out: PathBuf = d.join("preview");
    let serve = Running::start(
        d,
        &[
            "serve",
            "--port",
            "0",
            "-o",
            "preview",
            "--no-slides",
            "--format",
            "svg,html",
        ],
    );
    let port = port_of(&serve.wait_line("serving "));
    let host = format!("127.0.0.1:{port}");
    let (code, index) = get(port, "GET", "/", &host);
    assert_eq!(code, 200, "{index}");
    assert!(index.contains("<img src=\"aws/stack.svg\""), "{index}");
    assert!(
        index.contains("<img src=\"aws/stack.dark.svg\""),
        "both themes by default"
    );
    assert!(index.contains("content-security-policy: default-src 'none'"));
    let (code, svg) = get(port, "GET", "/aws/stack.svg", &format!("localhost:{port}"));
    assert_eq!(code, 200);
    assert!(svg.contains("content-type: image/svg+xml") && svg.contains("<svg"));
    let (code, html) = get(port, "GET", "/aws/handout.html", &host);
    assert_eq!(code, 200);
    assert!(
        html.contains("<script src=\"/_demarcate/live.js\" data-generation=\"1\"></script></body>")
    );
    // Planted in the build folder: a link to a file outside, a FIFO, a hidden file.
    std::os::unix::fs::symlink(d.join("model/aws.yaml"), out.join("aws/leak.svg")).unwrap();
    std::os::unix::fs::symlink(d.join("model"), out.join("linked")).unwrap();
    let fifo = out.join("aws/pipe.svg");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Links, FIFOs and missing files are not found; traversal, hidden files and listings are
    // bad requests. Neither answer carries the model.
    let refusals = [
        ("/aws/leak.svg", 404),
        ("/linked/aws.yaml", 404),
        ("/aws/pipe.svg", 404),
        ("/aws/missing.svg", 404),
        ("/../model/aws.yaml", 400),
        ("/%2e%2e/model/aws.yaml", 400),
        ("/aws/..%2F..%2Fmodel%2Faws.yaml", 400),
        ("/aws/%00.svg", 400),
        ("/.demarcate.record", 400),
        ("/aws/", 400),
        ("//etc/passwd", 400),
    ];
    for (path, expected) in refusals {
        let (code, body) = get(port, "GET", path, &host);
        assert_eq!(code, expected, "{path}: {body}");
        assert!(!body.contains("parties:"), "{path}");
    }
    for bad in [
        "attacker.example",
        "attacker.example:80",
        "127.0.0.1",
        "localhost:1",
    ] {
        let (code, _) = get(port, "GET", "/", bad);
        assert_eq!(code, 421, "{bad}");
    }
    let (code, _) = get(port, "POST", "/aws/stack.svg", &host);
    assert_eq!(code, 405);
    let (code, head) = get(port, "HEAD", "/aws/stack.svg", &host);
    assert_eq!(code, 200);
    assert!(!head.contains("<svg"), "HEAD sends no body");
}

#[test]
fn serve_stops_cleanly_on_sigterm_and_removes_its_build_folder() {
    let repo = repo();
    let d = repo.path();
    let mut serve = Running::start(d, &["serve", "--port", "0", "--format", "svg"]);
    let line = serve.wait_line("serving ");
    let folder = line
        .strip_prefix("serving ")
        .and_then(|l| l.split(" on http").next())
        .unwrap()
        .to_string();
    assert!(
        Path::new(&folder).join("aws/stack.svg").exists(),
        "{folder}"
    );
    let pid = serve.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let end = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = serve.child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < end, "not stopped in 10 s");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    assert!(!Path::new(&folder).exists(), "{folder} left behind");
}

#[test]
fn serve_refuses_a_busy_port_and_warns_on_another_address() {
    let repo = repo();
    let d = repo.path();
    let held = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = held.local_addr().unwrap().port().to_string();
    let out = crate::common::demarcate_in(d)
        .args(["serve", "--port", &port, "--format", "svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot listen on 127.0.0.1:") && err.contains("--port 0"),
        "{err}"
    );
    let serve = Running::start(
        d,
        &[
            "serve",
            "--port",
            "0",
            "--address",
            "0.0.0.0",
            "--format",
            "svg",
        ],
    );
    let warning = serve.wait_line("warning: serving on 0.0.0.0");
    assert!(
        warning.contains("anyone who can reach this machine"),
        "{warning}"
    );
}

/// Sends `raw` as is: the status code of the answer.
fn raw(port: u16, raw: &str) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out)
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn serve_closes_half_open_requests_and_refuses_odd_ones() {
    let repo = repo();
    let d = repo.path();
    let serve = Running::start(
        d,
        &["serve", "--port", "0", "--no-slides", "--format", "svg"],
    );
    let port = port_of(&serve.wait_line("serving "));
    let host = format!("127.0.0.1:{port}");
    // Two Host headers, an absolute-form target (a proxy's request), a huge header.
    let twice = format!(
        "GET / HTTP/1.1\r\nHost: {host}\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(raw(port, &twice), 400);
    let absolute = format!(
        "GET http://attacker.example/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    );
    assert_eq!(raw(port, &absolute), 400);
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: {host}\r\nX-Pad: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(200 * 1024)
    );
    assert_ne!(raw(port, &huge), 200);
    // Half-open requests: the headers never end. Each is closed within the header timeout,
    // and the server answers others meanwhile.
    let start = Instant::now();
    let mut half: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
            write!(s, "GET / HTTP/1.1\r\nHost: {host}\r\n").unwrap();
            s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
            s
        })
        .collect();
    let (code, _) = get(port, "GET", "/", &host);
    assert_eq!(code, 200, "served while 20 requests hang");
    for s in &mut half {
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
    }
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(12),
        "half-open requests held for {took:?}"
    );
}
