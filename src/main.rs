//! The `demarcate` binary: all work is in the library; see `demarcate --help`.

fn main() -> std::process::ExitCode {
    demarcate::cli::main()
}
