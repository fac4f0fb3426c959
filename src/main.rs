use std::process::ExitCode;

mod allocator;

fn main() -> ExitCode {
    tread::cli::main()
}
