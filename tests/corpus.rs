//! One snapshot per document of `corpus/`: what the built-in pack extracts, rendered
//! for people (one line per claim or figure). A new file in `corpus/` gets its
//! snapshot with no code change. Snapshots live in `snapshots/corpus/`.

use std::sync::OnceLock;

use claimkit::Rules;

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| Rules::builtin().expect("the built-in pack compiles"))
}

#[test]
fn corpus_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots/corpus");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("..", "corpus/*.txt", |path| {
            let text = std::fs::read_to_string(path).expect("corpus files are UTF-8");
            let extraction = rules().extract(&text);
            insta::assert_snapshot!(claimkit::output::render_text(&text, &extraction));
        });
    });
}
