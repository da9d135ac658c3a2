//! The layout engine on a large pack's worth of blocks (criterion). Run with
//! `cargo bench -p bestuursmap-export --bench layout`.

use bestuursmap_export::pdf::layout::{lay_out_stable, Align, Block, Column, Table, TocEntry};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;

fn blocks() -> Vec<Block> {
    let paragraph = "De eerste bestuursrapportage 2020 van de Serviceorganisatie Jeugd verwacht een kostenstijging van € 11,6 miljoen; de begrotingswijziging bedraagt € 6,6 miljoen. ".repeat(4);
    let mut blocks = vec![Block::Toc(
        (0..40)
            .map(|i| TocEntry {
                level: 1,
                label: (i + 1).to_string(),
                title: format!("Agendapunt {}", i + 1),
                anchor: format!("a{i}"),
            })
            .collect(),
    )];
    for i in 0..40 {
        blocks.push(Block::PageBreak);
        blocks.push(Block::Anchor(format!("a{i}")));
        blocks.push(Block::Heading { text: format!("{}. Begrotingswijzigingsprocedure {}", i + 1, i), level: 1 });
        for _ in 0..6 {
            blocks.push(Block::text(paragraph.clone()));
        }
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { title: "Gemeente".into(), width: 0.6, align: Align::Left },
                Column { title: "Bedrag".into(), width: 0.4, align: Align::Right },
            ],
            rows: (0..10).map(|r| vec![format!("Gemeente {r}"), "€\u{a0}1.234.567,89".into()]).collect(),
            highlighted: vec![],
        }));
    }
    blocks
}

fn layout(c: &mut Criterion) {
    let blocks = blocks();
    c.bench_function("lay out 40 item cover sheets with contents", |b| b.iter(|| lay_out_stable(black_box(&blocks))));
}

criterion_group!(benches, layout);
criterion_main!(benches);
