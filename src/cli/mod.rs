//! One module per subcommand.

pub mod extract;

use std::io::IsTerminal;
use std::path::Path;

use claimkit::Rules;

/// Loads the pack named by `--rules`, or the built-in one; prints diagnostics on failure.
pub fn load_rules(dir: Option<&Path>) -> Option<Rules> {
    let loaded = match dir {
        Some(d) => Rules::load(d),
        None => Rules::builtin(),
    };
    match loaded {
        Ok(r) => Some(r),
        Err(e) => {
            eprintln!("{}", e.render(std::io::stderr().is_terminal()));
            None
        }
    }
}
