use std::process::ExitCode;

fn main() -> ExitCode {
    tread::cli::main()
}
