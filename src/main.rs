//! The `compactproof` command. Everything here is presentation and plumbing: parsing
//! arguments, calling the library, printing, and turning errors into exit codes
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage or input error).

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
