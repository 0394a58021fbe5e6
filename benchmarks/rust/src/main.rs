//! Rust baselines for Gearbox's shoot-out: the standard workloads of docs/workloads.md on Tokio
//! (current-thread and multi-thread), smol and async-std, measured and printed as the Java
//! shoot-out does (`./gearbox run`): per runtime and workload a fresh runtime, warm-up runs, then
//! timed runs, each the wall time of one whole run; the median, min and max, and the cost per unit.
//!
//! ```text
//! rust-baselines [--runtimes tokio-current,smol] [--workloads skynet,ping_pong] [--runs N]
//!                [--warmup N] [--warmup-ms MS] [--workers N] [--csv FILE] [--list]
//! ```

mod runtimes;
mod workloads;

use runtimes::{AsyncStd, Session, Smol, TokioCurrent, TokioMulti};
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::time::{Duration, Instant};
use workloads::Workload;

/// The contestants, in the order they run and print.
const RUNTIMES: [&str; 4] = ["tokio-current", "tokio-multi", "smol", "async-std"];

/// The crate versions this binary is built with (Debian bookworm's, pinned by Cargo.lock).
const VERSIONS: &str = "tokio 1.24.2, smol 1.3.0 (async-executor 1.5.0), async-std 1.12.0";

const USAGE: &str = "\
usage: rust-baselines [options]
  --runtimes A,B       contestants (default all): tokio-current, tokio-multi, smol, async-std
  --workloads X,Y      workloads (default all): spawn_many, spawn_remote, yield_many, ping_pong,
                       chained_spawn, skynet
  --runs N             timed runs per runtime and workload (default 5, 1 to 1000)
  --warmup N           untimed runs before them (default 2, 0 to 1000)
  --warmup-ms MS       and warm up for at least MS ms of runs (default 1000)
  --workers N          worker threads of tokio-multi and async-std (default 2)
  --csv FILE           also write the cells as CSV, in the columns of the shoot-out's report.csv
  --list               print the runtimes and workloads and exit
  --help               this text";

struct Options {
    runtimes: Vec<&'static str>,
    workloads: Vec<Workload>,
    runs: usize,
    warmup: usize,
    warmup_time: Duration,
    workers: usize,
    csv: Option<String>,
}

/// One cell: a runtime on a workload, its timed runs' wall times (sorted), or why there are none.
struct Cell {
    workload: Workload,
    runtime: &'static str,
    threads: String,
    samples: Vec<u64>,
    failure: Option<String>,
}

impl Cell {
    fn median(&self) -> f64 {
        let s = &self.samples;
        let mid = s.len() / 2;
        if s.len() % 2 == 1 {
            s[mid] as f64
        } else {
            (s[mid - 1] as f64 + s[mid] as f64) / 2.0
        }
    }

    fn per_unit(&self, nanos: f64) -> f64 {
        nanos / self.workload.units_per_run() as f64
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(Some(options)) => options,
        Ok(None) => return ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rust-baselines: {message}");
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    // async-std reads its thread count once, when its global runtime first starts; nothing has
    // started a thread yet, so setting the variable here is safe.
    std::env::set_var("ASYNC_STD_THREAD_COUNT", options.workers.to_string());

    let cells_total = options.runtimes.len() * options.workloads.len();
    println!(
        "Rust baselines: {} workloads × {} runtimes, {} warm-up and {} timed runs each (warm-up for at least {} ms), a fresh runtime per workload (async-std: its global one)",
        options.workloads.len(),
        options.runtimes.len(),
        options.warmup,
        options.runs,
        options.warmup_time.as_millis(),
    );
    println!(
        "machine: {} cores; {VERSIONS}; built by {}",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        env!("BASELINES_RUSTC"),
    );
    let mut cells = Vec::with_capacity(cells_total);
    for runtime in &options.runtimes {
        for workload in &options.workloads {
            print!(
                "[{:2}/{}] {:<16} on {:<13} ",
                cells.len() + 1,
                cells_total,
                workload.name(),
                runtime
            );
            use std::io::Write as _;
            let _ = std::io::stdout().flush();
            let cell = run_cell(runtime, *workload, &options);
            match &cell.failure {
                None => println!(
                    "median {:9.2} ms  ({:.1} ns per {})",
                    cell.median() / 1e6,
                    cell.per_unit(cell.median()),
                    workload.unit()
                ),
                Some(why) => println!("FAILED: {why}"),
            }
            cells.push(cell);
        }
    }
    println!();
    print_table(&cells, &options);
    if let Some(path) = &options.csv {
        if let Err(e) = std::fs::write(path, csv(&cells)) {
            eprintln!("rust-baselines: cannot write {path}: {e}");
            return ExitCode::FAILURE;
        }
        println!("csv: {path}");
    }
    if cells.iter().any(|c| c.failure.is_some()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_cell(runtime: &'static str, workload: Workload, options: &Options) -> Cell {
    let workers = options.workers;
    let threads = match runtime {
        "tokio-current" => "single-threaded".to_string(),
        "tokio-multi" => format!("{workers} workers"),
        "smol" => "1 executor thread".to_string(),
        "async-std" => format!("{workers} threads"),
        other => unreachable!("runtime {other}"),
    };
    let result = panic::catch_unwind(AssertUnwindSafe(|| match runtime {
        "tokio-current" => measure(&TokioCurrent::open(), workload, options),
        "tokio-multi" => measure(&TokioMulti::open(workers), workload, options),
        "smol" => measure(&Smol::open(), workload, options),
        "async-std" => measure(&AsyncStd, workload, options),
        other => unreachable!("runtime {other}"),
    }));
    match result {
        Ok(samples) => Cell { workload, runtime, threads, samples, failure: None },
        Err(payload) => {
            let why = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panicked".to_string());
            Cell { workload, runtime, threads, samples: Vec::new(), failure: Some(why) }
        }
    }
}

/// Warm-up runs (at least `warmup` of them and at least `warmup_time` of them), then the timed
/// runs; their wall times, sorted.
fn measure<S: Session>(session: &S, workload: Workload, options: &Options) -> Vec<u64> {
    let warmup_end = Instant::now() + options.warmup_time;
    let mut done = 0;
    while done < options.warmup || Instant::now() < warmup_end {
        workload.run(session);
        done += 1;
    }
    let mut samples = Vec::with_capacity(options.runs);
    for _ in 0..options.runs {
        let start = Instant::now();
        workload.run(session);
        samples.push(start.elapsed().as_nanos() as u64);
    }
    samples.sort_unstable();
    samples
}

const ROW_WIDTHS: [usize; 11] = [16, 13, 17, 10, 10, 10, 12, 12, 12, 14, 9];

fn row(cells: &[String]) -> String {
    let mut line = String::new();
    for (i, (cell, width)) in cells.iter().zip(ROW_WIDTHS).enumerate() {
        if i > 0 {
            line.push(' ');
        }
        if i < 3 {
            let _ = write!(line, "{cell:<width$}");
        } else {
            let _ = write!(line, "{cell:>width$}");
        }
    }
    line.trim_end().to_string()
}

/// The lowest median on `workload`, over the cells that measured it.
fn fastest(cells: &[Cell], workload: Workload) -> Option<f64> {
    cells
        .iter()
        .filter(|c| c.workload == workload && c.failure.is_none())
        .map(Cell::median)
        .min_by(f64::total_cmp)
}

fn print_table(cells: &[Cell], options: &Options) {
    let header = [
        "workload",
        "runtime",
        "threads",
        "median ms",
        "min ms",
        "max ms",
        "ns per unit",
        "min ns/unit",
        "max ns/unit",
        "units per s",
        "× fastest",
    ];
    println!("{}", row(&header.map(String::from)));
    for workload in &options.workloads {
        for cell in cells.iter().filter(|c| c.workload == *workload) {
            if let Some(why) = &cell.failure {
                println!(
                    "{:<16} {:<13} {:<17} FAILED: {why}",
                    workload.name(),
                    cell.runtime,
                    cell.threads
                );
                continue;
            }
            let median = cell.median();
            let min = cell.samples[0] as f64;
            let max = *cell.samples.last().unwrap() as f64;
            let ratio = median / fastest(cells, *workload).unwrap();
            println!(
                "{}",
                row(&[
                    workload.name().to_string(),
                    cell.runtime.to_string(),
                    cell.threads.clone(),
                    format!("{:.2}", median / 1e6),
                    format!("{:.2}", min / 1e6),
                    format!("{:.2}", max / 1e6),
                    format!("{:.1}", cell.per_unit(median)),
                    format!("{:.1}", cell.per_unit(min)),
                    format!("{:.1}", cell.per_unit(max)),
                    thousands(workload.units_per_run() as f64 * 1e9 / median),
                    format!("{ratio:.2}×"),
                ])
            );
        }
    }
    let units: Vec<String> = options
        .workloads
        .iter()
        .map(|w| {
            format!("{} {} {}s per run", w.name(), thousands(w.units_per_run() as f64), w.unit())
        })
        .collect();
    println!("units: {}", units.join(", "));
    println!();
    println!(
        "summary: geometric mean of the ratio to the fastest over the workloads each runtime ran"
    );
    println!("{:<13} {:>9} {:>9}", "runtime", "workloads", "× fastest");
    let mut lines: Vec<(&str, usize, f64)> = Vec::new();
    for runtime in &options.runtimes {
        let ratios: Vec<f64> = cells
            .iter()
            .filter(|c| c.runtime == *runtime && c.failure.is_none())
            .map(|c| c.median() / fastest(cells, c.workload).unwrap())
            .collect();
        if !ratios.is_empty() {
            let mean = (ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64).exp();
            lines.push((runtime, ratios.len(), mean));
        }
    }
    lines.sort_by(|a, b| a.2.total_cmp(&b.2));
    for (runtime, count, mean) in lines {
        println!("{runtime:<13} {count:>9} {:>9}", format!("{mean:.2}×"));
    }
}

/// `1234567.8` as `1,234,568`.
fn thousands(value: f64) -> String {
    let digits = format!("{:.0}", value);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The cells in the columns of the Java shoot-out's report.csv (the JDK-baseline ratios empty).
fn csv(cells: &[Cell]) -> String {
    let mut out = String::from(
        "workload,unit,units_per_run,runtime,threads,outcome,runs,median_ns,min_ns,max_ns,ns_per_unit,units_per_second,ratio_to_fastest,ratio_to_forkjoin,ratio_to_virtual,failure\r\n",
    );
    for c in cells {
        let w = c.workload;
        match &c.failure {
            None => {
                let median = c.median();
                let _ = write!(
                    out,
                    "{},{},{},{},{},measured,{},{:.3},{},{},{:.3},{:.3},{:.4},,,\r\n",
                    w.name(),
                    w.unit(),
                    w.units_per_run(),
                    c.runtime,
                    c.threads,
                    c.samples.len(),
                    median,
                    c.samples[0],
                    c.samples.last().unwrap(),
                    c.per_unit(median),
                    w.units_per_run() as f64 * 1e9 / median,
                    median / fastest(cells, w).unwrap(),
                );
            }
            Some(why) => {
                let _ = write!(
                    out,
                    "{},{},{},{},{},failed,0,,,,,,,,,\"{}\"\r\n",
                    w.name(),
                    w.unit(),
                    w.units_per_run(),
                    c.runtime,
                    c.threads,
                    why.replace('"', "\"\"")
                );
            }
        }
    }
    out
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut options = Options {
        runtimes: RUNTIMES.to_vec(),
        workloads: Workload::ALL.to_vec(),
        runs: 5,
        warmup: 2,
        warmup_time: Duration::from_millis(1000),
        workers: 2,
        csv: None,
    };
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let mut value = || -> Result<&str, String> {
            i += 1;
            args.get(i).map(String::as_str).ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg {
            "--runtimes" => {
                let mut chosen = Vec::new();
                for name in value()?.split(',').filter(|s| !s.is_empty()) {
                    let known = RUNTIMES.iter().find(|r| **r == name).ok_or_else(|| {
                        format!(
                            "--runtimes: '{name}' is not a contestant: expected some of {}",
                            RUNTIMES.join(", ")
                        )
                    })?;
                    if !chosen.contains(known) {
                        chosen.push(*known);
                    }
                }
                options.runtimes = chosen;
            }
            "--workloads" => {
                let mut chosen = Vec::new();
                for name in value()?.split(',').filter(|s| !s.is_empty()) {
                    let known =
                        Workload::ALL.iter().find(|w| w.name() == name).ok_or_else(|| {
                            let all: Vec<&str> = Workload::ALL.iter().map(|w| w.name()).collect();
                            format!(
                                "--workloads: '{name}' is not a workload here: expected some of {}",
                                all.join(", ")
                            )
                        })?;
                    if !chosen.contains(known) {
                        chosen.push(*known);
                    }
                }
                options.workloads = chosen;
            }
            "--runs" => options.runs = number(arg, value()?, 1, 1000)?,
            "--warmup" => options.warmup = number(arg, value()?, 0, 1000)?,
            "--warmup-ms" => {
                options.warmup_time =
                    Duration::from_millis(number(arg, value()?, 0, 600_000)? as u64)
            }
            "--workers" => options.workers = number(arg, value()?, 1, 64)?,
            "--csv" => options.csv = Some(value()?.to_string()),
            "--list" => {
                println!("runtimes: {}", RUNTIMES.join(", "));
                let all: Vec<&str> = Workload::ALL.iter().map(|w| w.name()).collect();
                println!("workloads: {}", all.join(", "));
                return Ok(None);
            }
            "--help" | "-h" => {
                println!("{USAGE}");
                return Ok(None);
            }
            other => return Err(format!("unknown option '{other}'")),
        }
        i += 1;
    }
    if options.runtimes.is_empty() || options.workloads.is_empty() {
        return Err("nothing to run: --runtimes and --workloads need at least one name".to_string());
    }
    Ok(Some(options))
}

fn number(option: &str, text: &str, min: usize, max: usize) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => {
            Err(format!("{option} {text} is not allowed: expected an integer from {min} to {max}"))
        }
    }
}
