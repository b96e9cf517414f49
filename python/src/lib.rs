//! The native half of the `claimkit` Python package: one compiled rule pack per
//! `Engine`, extraction with the GIL released, batches run on rayon threads.
//!
//! Results cross into Python as JSON lines written by `claimkit::output::to_json_line`,
//! the CLI's own writer, so the Python API and `claimkit extract` cannot disagree about
//! the output contract. The Python layer (`claimkit/__init__.py`) parses them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use claimkit::{PackError, Rules};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;

create_exception!(
    _native,
    PackLoadError,
    PyException,
    "A rule pack failed to load or compile: args are (message, diagnostics)."
);

/// A compiled rule pack, shared by every thread that extracts with it.
#[pyclass(frozen, module = "claimkit._native")]
struct Engine {
    rules: Arc<Rules>,
}

fn pack_error(py: Python<'_>, err: &PackError) -> PyErr {
    let diagnostics = PyList::empty(py);
    for d in &err.diagnostics {
        let item = PyDict::new(py);
        let set = |k: &str, v: Bound<'_, PyAny>| item.set_item(k, v);
        let ok = set("code", PyString::new(py, d.code).into_any())
            .and_then(|_| set("file", PyString::new(py, &d.file).into_any()))
            .and_then(|_| item.set_item("line", d.line))
            .and_then(|_| item.set_item("column", d.column))
            .and_then(|_| item.set_item("message", &d.message))
            .and_then(|_| item.set_item("label", d.label.as_deref()))
            .and_then(|_| item.set_item("help", d.help.as_deref()))
            .and_then(|_| diagnostics.append(item));
        if let Err(e) = ok {
            return e;
        }
    }
    PackLoadError::new_err((err.render(false), diagnostics.unbind()))
}

/// The text of a Python object that must be a `str`; a clear `ValueError` otherwise.
fn text_of<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, str>> {
    let s = obj.cast::<PyString>().map_err(|_| {
        PyValueError::new_err(format!(
            "{what} must be a str, not {}",
            obj.get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "?".into())
        ))
    })?;
    s.to_cow()
        .map_err(|e| PyValueError::new_err(format!("{what} is not valid Unicode text: {e}")))
}

/// Thread pools by size, built once per process.
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(p) = pools.get(&threads) {
        return Ok(p.clone());
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("claimkit-{i}"))
        .build()
        .map_err(|e| PyValueError::new_err(format!("cannot start {threads} threads: {e}")))?;
    let p = Arc::new(p);
    pools.insert(threads, p.clone());
    Ok(p)
}

#[pymethods]
impl Engine {
    /// `Engine(None)` compiles the embedded English pack; `Engine(path)` the pack in
    /// that folder.
    #[new]
    #[pyo3(signature = (rules=None))]
    fn new(py: Python<'_>, rules: Option<PathBuf>) -> PyResult<Self> {
        let compiled = py.detach(|| match &rules {
            None => Rules::builtin(),
            Some(dir) => Rules::load(dir),
        });
        match compiled {
            Ok(r) => Ok(Engine { rules: Arc::new(r) }),
            Err(e) => Err(pack_error(py, &e)),
        }
    }

    /// One document's JSON line. `id` None writes an empty id (the caller replaces it).
    #[pyo3(signature = (text, id=None))]
    fn extract_json(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let text = text_of(text, "text")?;
        let id = match id {
            Some(i) => text_of(i, "id")?,
            None => Cow::Borrowed(""),
        };
        let rules = &self.rules;
        Ok(py.detach(|| claimkit::output::to_json_line(&id, &text, &rules.extract(&text))))
    }

    /// The JSON lines of a batch of `(id, text)` pairs, in order, extracted on
    /// `threads` rayon threads (None: all cores) with the GIL released.
    #[pyo3(signature = (ids, texts, threads=None))]
    fn extract_json_batch(
        &self,
        py: Python<'_>,
        ids: Vec<Option<String>>,
        texts: &Bound<'_, PyList>,
        threads: Option<usize>,
    ) -> PyResult<Vec<String>> {
        if ids.len() != texts.len() {
            return Err(PyValueError::new_err("ids and texts differ in length"));
        }
        // The texts as UTF-8 (borrowed where the Python build allows, else copied: a
        // copy costs far less than extracting).
        let mut borrowed: Vec<Cow<'_, str>> = Vec::with_capacity(texts.len());
        let items: Vec<Bound<'_, PyAny>> = texts.iter().collect();
        for (i, t) in items.iter().enumerate() {
            borrowed.push(text_of(t, &format!("text of document {i}"))?);
        }
        let rules = &self.rules;
        let work = |(id, text): (&Option<String>, &Cow<'_, str>)| {
            claimkit::output::to_json_line(id.as_deref().unwrap_or(""), text, &rules.extract(text))
        };
        let pool = match threads {
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => Some(pool(n)?),
            None => None,
        };
        Ok(py.detach(|| {
            let run = || ids.par_iter().zip(borrowed.par_iter()).map(work).collect();
            match &pool {
                Some(p) if p.current_num_threads() == 1 => {
                    ids.iter().zip(borrowed.iter()).map(work).collect()
                }
                Some(p) => p.install(run),
                None => run(),
            }
        }))
    }
}

/// The pack folder `Engine(rules)` compiles: `rules` itself when it has a `pack.yaml`,
/// else its one subfolder that has one (as `claimkit extract --rules`).
#[pyfunction]
fn find_pack_dir(rules: PathBuf) -> PyResult<PathBuf> {
    claimkit::pack::find_pack_dir(&rules).map_err(PyValueError::new_err)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_function(wrap_pyfunction!(find_pack_dir, m)?)?;
    m.add("PackLoadError", m.py().get_type::<PackLoadError>())?;
    Ok(())
}
