//! One module per subcommand, and what they share: loading a pack, reporting its
//! problems, colour on a terminal only.

/// `println!` that ends the program quietly when standard output is a closed pipe
/// (`claimkit rules | head`).
macro_rules! outln {
    () => {
        $crate::cli::emit("\n")
    };
    ($($t:tt)*) => {
        $crate::cli::emit(&format!("{}\n", format_args!($($t)*)))
    };
}

/// `print!` with the same care as [`outln!`].
macro_rules! out {
    ($($t:tt)*) => {
        $crate::cli::emit(&format!($($t)*))
    };
}

pub mod bench;
pub mod check;
pub mod diff;
pub mod explain;
pub mod extract;
pub mod rules;
pub mod test;
pub mod watch;

use std::io::{IsTerminal, Write};
use std::path::Path;

use claimkit::pack::{Pack, PackSource};
use claimkit::{PackError, Rules};

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

/// Reads (without compiling) the pack named by `--rules`, or the built-in one.
pub fn load_pack(dir: Option<&Path>) -> Result<Pack, PackError> {
    Pack::load(&PackSource::from_option(dir)?)
}

/// Every pack `--rules DIR` names, for the commands that go over all of them (`check`,
/// `test`): DIR itself when it holds a `pack.yaml`, else each subfolder that does.
pub fn all_packs(dir: Option<&Path>) -> Result<Vec<PackSource>, PackError> {
    let Some(dir) = dir else {
        return Ok(vec![PackSource::builtin()]);
    };
    if dir.join("pack.yaml").is_file() {
        return Ok(vec![PackSource::Dir(dir.to_path_buf())]);
    }
    let mut packs: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("pack.yaml").is_file())
        .collect();
    packs.sort();
    if packs.is_empty() {
        // Let the one-pack lookup say what is wrong.
        PackSource::from_option(Some(dir))?;
    }
    Ok(packs.into_iter().map(PackSource::Dir).collect())
}

/// When to colour what a command prints.
#[derive(Clone, Copy, Debug, Default, clap::ValueEnum)]
pub enum Color {
    /// On a terminal only.
    #[default]
    Auto,
    Always,
    Never,
}

impl Color {
    /// Whether to colour standard output.
    pub fn stdout(self) -> bool {
        match self {
            Color::Auto => std::io::stdout().is_terminal(),
            Color::Always => true,
            Color::Never => false,
        }
    }
}

/// `text` in `style`, or as it is when not `styled`.
pub fn paint(styled: bool, style: anstyle::Style, text: &str) -> String {
    if styled {
        format!("{}{text}{}", style.render(), style.render_reset())
    } else {
        text.to_string()
    }
}

pub fn red() -> anstyle::Style {
    anstyle::AnsiColor::Red.on_default().bold()
}

pub fn green() -> anstyle::Style {
    anstyle::AnsiColor::Green.on_default().bold()
}

pub fn yellow() -> anstyle::Style {
    anstyle::AnsiColor::Yellow.on_default().bold()
}

pub fn bold() -> anstyle::Style {
    anstyle::Style::new().bold()
}

/// "1 rule", "2 rules".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes to standard output; a closed pipe ends the program with success, as the
/// reader has all it wanted.
pub fn emit(s: &str) {
    if let Err(e) = std::io::stdout().lock().write_all(s.as_bytes()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write output: {e}");
        std::process::exit(2);
    }
}

/// `AfterQuote` → `after-quote`, as the YAML spells it.
pub fn kebab(v: &impl std::fmt::Debug) -> String {
    let mut out = String::new();
    for (i, c) in format!("{v:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
