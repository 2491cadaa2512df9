//! Native benchmarks of the domain core (issue 5): parse + model of each seed and of synthetic
//! 1k/10k/50k-item checklists, next to a bare pulldown-cmark event loop over the same input (the
//! floor), plus score, export + digest and verify on 10k items.
//! Run: `cargo bench --bench engine` (figures in BENCHMARKS.md).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use readiness::domain::answers::{Answers, Status};
use readiness::domain::audit::{export, to_json, verify};
use readiness::domain::parse;
use readiness::domain::score::score_checklist;
use readiness::domain::text::markdown::options;
use readiness::domain::text::time::Timestamp;
use readiness::native::DalekVerifier;
use std::hint::black_box;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = [
        "dojopool-deployment-checklist.md",
        "dojopool-phased-rollout.md",
        "lfg-platform-checklist.md",
        "platform-deployment-checklist.md",
        "websocket-cluster-checklist.md",
    ]
    .iter()
    .map(|f| {
        (
            f.to_string(),
            std::fs::read(format!("checklists/{f}")).expect("seed"),
        )
    })
    .collect();
    for n in [1_000, 10_000, 50_000] {
        v.push((
            format!("synthetic-{n}"),
            readiness::synth::checklist(n).into_bytes(),
        ));
    }
    v
}

fn parsing(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for (name, bytes) in inputs() {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        g.bench_with_input(
            BenchmarkId::new("pulldown-cmark floor", &name),
            &text,
            |b, t| b.iter(|| pulldown_cmark::Parser::new_ext(black_box(t), options()).count()),
        );
        g.bench_with_input(
            BenchmarkId::new("readiness parse+model", &name),
            &bytes,
            |b, bytes| b.iter(|| parse("bench.md", black_box(bytes)).expect("parses")),
        );
    }
    g.finish();
}

fn answered(n: usize) -> (readiness::domain::Checklist, Answers) {
    let c = parse("bench.md", readiness::synth::checklist(n).as_bytes()).expect("parses");
    let mut a = Answers::default();
    for it in c.items.iter().step_by(2) {
        a.set_status(&it.id, Status::Done, "", Timestamp(0));
    }
    (c, a)
}

fn scoring(c: &mut Criterion) {
    let (checklist, answers) = answered(10_000);
    let rules = readiness::domain::signoff::standing::Rules {
        verifier: &DalekVerifier,
        as_of: Timestamp(0),
        signers: None,
    };
    c.bench_function("score 10k", |b| {
        b.iter(|| score_checklist(black_box(&checklist), black_box(&answers), &rules))
    });
    c.bench_function("export+digest 10k", |b| {
        b.iter(|| {
            to_json(&export(
                black_box(&checklist),
                black_box(&answers),
                "bench",
                &rules,
            ))
        })
    });
    let json = to_json(&export(&checklist, &answers, "bench", &rules));
    c.bench_function("verify 10k", |b| {
        b.iter(|| verify(black_box(&json), None, &DalekVerifier))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = parsing, scoring
}
criterion_main!(benches);
