//! claimkit: rule-based extraction of claims, speakers and figures from news text.
//!
//! The pipeline, one module per stage:
//!
//! 1. **load** ([`pack`]): a rule pack's YAML and lexicon files → a typed `Pack`
//!    that remembers where each part was written;
//! 2. **compile** ([`compile`]): lexicons → Aho-Corasick automata, patterns →
//!    regexes, all checked → immutable, thread-shared [`Rules`];
//! 3. **segment** ([`segment`]) and pair **quotes** ([`quotes`]);
//! 4. **match and resolve** ([`extract`]): attributions, indirect claims, speakers,
//!    figures, and the links between them;
//! 5. **write** ([`output`]): the JSONL contract.
//!
//! ```
//! let rules = claimkit::Rules::builtin().expect("the built-in pack compiles");
//! let text = "“It is just the beginning,” said Wei Jianguo, a former vice minister.";
//! let found = rules.extract(text);
//! assert_eq!(found.claims[0].kind, claimkit::ClaimKind::Direct);
//! println!("{}", claimkit::output::to_json_line("doc-1", text, &found));
//! ```

pub mod bench;
pub mod compile;
pub mod diagnostics;
pub mod examples;
pub mod explain;
pub mod extract;
pub mod input;
pub mod output;
pub mod pack;
pub mod quotes;
pub mod segment;

use std::path::Path;

pub use compile::Rules;
pub use diagnostics::{Diagnostic, PackError};
pub use extract::{Claim, ClaimKind, Extraction, Figure, Speaker, SpeakerClass};
use pack::{Pack, PackSource};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_pack.rs"));
}

impl Rules {
    /// The English pack built into the binary.
    pub fn builtin() -> Result<Rules, PackError> {
        Rules::from_source(&PackSource::Embedded {
            name: "en",
            files: builtin::FILES,
        })
    }

    /// The pack in folder `dir` (a folder with `pack.yaml`, or one holding a single
    /// pack folder), read now from disk.
    pub fn load(dir: &Path) -> Result<Rules, PackError> {
        let pack_dir = pack::find_pack_dir(dir).map_err(|msg| PackError {
            diagnostics: vec![Diagnostic::in_file(
                "no-pack",
                dir.display().to_string(),
                msg,
            )],
        })?;
        Rules::from_source(&PackSource::Dir(pack_dir))
    }

    fn from_source(source: &PackSource) -> Result<Rules, PackError> {
        Rules::compile(Pack::load(source)?)
    }

    /// Extracts the claims and figures of one text.
    pub fn extract(&self, text: &str) -> Extraction {
        extract::extract(self, text)
    }
}
