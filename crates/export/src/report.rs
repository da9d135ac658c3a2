//! The kwartaalrapportage: the Netwerk-MTplus informs the AB each quarter about the measures
//! (AEF: «Informeer als Netwerk-MTplus het AB via een kwartaalrapportage over de voortgang»).

use crate::atomic::write_atomically;
use crate::pack::PackError;
use crate::pdf::layout::{
    lay_out_stable, Align, BarChart, Block, Column, Rgb, Run, Series, Table, Tone, BLACK, BLUE, MUTED,
};
use crate::pdf::render::{render, Decoration};
use bestuursmap_core::domain::TrafficLight;
use bestuursmap_core::measures::rules::{sum_known, total_per_year};
use bestuursmap_core::measures::MeasureSummary;
use bestuursmap_core::{format, CoreError, Money, Store};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

/// A quarter such as 2021-Q1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quarter {
    pub year: i32,
    pub number: u32,
}

impl Quarter {
    /// Reads "2021-Q1" (also "2021-q1", "Q1-2021").
    pub fn parse(text: &str) -> Result<Quarter, CoreError> {
        let t = text.trim().to_uppercase();
        let bad = || CoreError::Invalid(format!("'{text}' is geen kwartaal. Schrijf bijvoorbeeld 2021-Q1."));
        let (year, q) = match t.split_once('-') {
            Some((y, q)) if q.starts_with('Q') => (y, &q[1..]),
            Some((q, y)) if q.starts_with('Q') => (y, &q[1..]),
            _ => return Err(bad()),
        };
        let year: i32 = year.parse().map_err(|_| bad())?;
        let number: u32 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&number) || !(2000..=2100).contains(&year) {
            return Err(bad());
        }
        Ok(Quarter { year, number })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, (self.number - 1) * 3 + 1, 1).expect("valid quarter start")
    }

    pub fn last_day(self) -> NaiveDate {
        let next = if self.number == 4 {
            Quarter { year: self.year + 1, number: 1 }
        } else {
            Quarter { number: self.number + 1, ..self }
        };
        next.first_day().pred_opt().expect("valid quarter end")
    }

    pub fn label(self) -> String {
        format!("Q{} {}", self.number, self.year)
    }
}

fn amount(m: Option<Money>) -> String {
    m.map(|m| m.to_dutch().replace("€ ", "€\u{a0}")).unwrap_or_else(|| "onbekend".into())
}

fn millions(m: Money) -> String {
    let mln = m.0 / rust_decimal::Decimal::from(1_000_000);
    format!("€\u{a0}{} mln", mln.round_dp(1).to_string().replace('.', ","))
}

fn light_cell(m: &MeasureSummary) -> String {
    format!("{}{}", m.traffic_light_label, if m.behind_schedule { " (achter)" } else { "" })
}

/// Builds the report of `quarter`; the traffic lights are judged at the quarter's end.
pub fn quarter_report(store: &Store, quarter: Quarter, made_at: NaiveDateTime) -> Result<Vec<u8>, PackError> {
    let as_of = quarter.last_day();
    let measures = store.measures(as_of)?;
    let changes = store.status_changes_between(quarter.first_day(), as_of)?;
    let totals = total_per_year(&measures);
    let count = |light: TrafficLight| measures.iter().filter(|m| m.traffic_light == light).count();

    let mut blocks = vec![
        Block::RunningHeader(format!("Kwartaalrapportage maatregelen {}", quarter.label())),
        Block::Paragraph { runs: vec![Run::plain("Netwerk-MTplus aan het Algemeen Bestuur")], size: 11.0, align: Align::Left, color: MUTED },
        Block::Heading { text: format!("Kwartaalrapportage maatregelen {}", quarter.label()), level: 1 },
        Block::Fields(vec![
            ("Periode".into(), format!("{} tot en met {}", format::date(quarter.first_day()), format::date(as_of))),
            ("Stand per".into(), format::date(as_of)),
            ("Gemaakt op".into(), format!("{} om {}", format::date(made_at.date()), format::time(made_at))),
        ]),
        Block::Heading { text: "Samenvatting".into(), level: 2 },
        Block::text(format!(
            "Het register telt {} maatregelen, aanbevelingen en acties. Verkeerslicht: {} groen, {} oranje, {} rood, {} onbekend. {} maatregel(en) lopen achter op hun taakstelling.",
            measures.len(),
            count(TrafficLight::Groen),
            count(TrafficLight::Oranje),
            count(TrafficLight::Rood),
            count(TrafficLight::Onbekend),
            measures.iter().filter(|m| m.behind_schedule).count()
        )),
    ];
    if measures.iter().any(|m| m.uses_example_amounts) {
        blocks.push(Block::small("Bedragen gemarkeerd als voorbeeld (demo) zijn geen vastgestelde cijfers; onbekende bedragen zijn niet als nul meegeteld."));
    }
    blocks.push(Block::Heading { text: "Taakstelling en realisatie per jaar".into(), level: 3 });
    blocks.push(Block::Table(Table {
        columns: vec![
            Column { title: "Jaar".into(), width: 0.16, align: Align::Left },
            Column { title: "Taakstelling".into(), width: 0.28, align: Align::Right },
            Column { title: "Gerealiseerd".into(), width: 0.28, align: Align::Right },
            Column { title: "Verschil".into(), width: 0.28, align: Align::Right },
        ],
        rows: totals
            .iter()
            .map(|y| vec![y.year.to_string(), amount(y.target), amount(y.realised), amount(y.gap)])
            .collect(),
        highlighted: totals
            .iter()
            .enumerate()
            .filter(|(_, y)| y.gap.is_some_and(|g| g.0.is_sign_negative()))
            .map(|(i, _)| i)
            .collect(),
    }));
    let as_f32 = |m: Option<Money>| m.map(|m| m.0.to_string().parse::<f32>().unwrap_or(0.0));
    blocks.push(Block::BarChart(BarChart {
        categories: totals.iter().map(|y| y.year.to_string()).collect(),
        series: vec![
            Series {
                name: "Taakstelling".into(),
                color: BLUE,
                values: totals.iter().map(|y| as_f32(y.target)).collect(),
                labels: totals.iter().map(|y| y.target.map(millions).unwrap_or_default()).collect(),
            },
            Series {
                name: "Gerealiseerd".into(),
                color: Rgb(0.2, 0.6, 0.35),
                values: totals.iter().map(|y| as_f32(y.realised)).collect(),
                labels: totals.iter().map(|y| y.realised.map(millions).unwrap_or_default()).collect(),
            },
        ],
        height: 150.0,
    }));

    blocks.push(Block::Heading { text: "Wat veranderde dit kwartaal".into(), level: 2 });
    if changes.is_empty() {
        blocks.push(Block::text(format!(
            "Geen statuswijzigingen tussen {} en {}.",
            format::date(quarter.first_day()),
            format::date(as_of)
        )));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                Column { title: "Code".into(), width: 0.08, align: Align::Left },
                Column { title: "Datum".into(), width: 0.14, align: Align::Left },
                Column { title: "Nieuwe status".into(), width: 0.2, align: Align::Left },
                Column { title: "Toelichting".into(), width: 0.58, align: Align::Left },
            ],
            rows: changes
                .iter()
                .map(|(code, c)| {
                    vec![
                        code.clone(),
                        format::short_date(c.changed_on),
                        c.status_label.clone(),
                        [c.reason.clone(), c.decided_at.clone().map(|d| format!("besloten in {d}"))]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" — "),
                    ]
                })
                .collect(),
            highlighted: vec![],
        }));
    }

    blocks.push(Block::Heading { text: "Per maatregel".into(), level: 2 });
    blocks.push(Block::Table(Table {
        columns: vec![
            Column { title: "Code".into(), width: 0.06, align: Align::Left },
            Column { title: "Maatregel".into(), width: 0.27, align: Align::Left },
            Column { title: "Trekker".into(), width: 0.13, align: Align::Left },
            Column { title: "Status".into(), width: 0.13, align: Align::Left },
            // Wide enough for "€ 100.000.000,00": an amount is never cut.
            Column { title: "Licht".into(), width: 0.09, align: Align::Left },
            Column { title: "Taakstelling".into(), width: 0.16, align: Align::Right },
            Column { title: "Gerealiseerd".into(), width: 0.16, align: Align::Right },
        ],
        rows: measures
            .iter()
            .map(|m| {
                let target = sum_known(m.years.iter().map(|y| y.target));
                let realised = sum_known(m.years.iter().map(|y| y.realised));
                vec![
                    m.code.clone(),
                    m.title.clone(),
                    m.trekker.clone().unwrap_or_else(|| "—".into()),
                    m.status_label.clone(),
                    light_cell(m),
                    if m.years.is_empty() { "—".into() } else { amount(target) },
                    if m.years.is_empty() { "—".into() } else { amount(realised) },
                ]
            })
            .collect(),
        highlighted: measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.behind_schedule || m.traffic_light == TrafficLight::Rood)
            .map(|(i, _)| i)
            .collect(),
    }));

    let with_indicators: Vec<(String, Vec<bestuursmap_core::measures::Indicator>)> = measures
        .iter()
        .filter_map(|m| {
            let indicators = store.indicators(m.id, as_of).ok()?;
            (!indicators.is_empty()).then(|| (format!("{} {}", m.code, m.title), indicators))
        })
        .collect();
    if !with_indicators.is_empty() {
        blocks.push(Block::Heading { text: "Indicatoren en tijdpad".into(), level: 2 });
        for (measure, indicators) in with_indicators {
            for ind in indicators {
                let points: Vec<String> = ind
                    .points
                    .iter()
                    .map(|p| {
                        let show = |v: Option<rust_decimal::Decimal>| {
                            v.map(|v| v.to_string().replace('.', ",")).unwrap_or_else(|| "onbekend".into())
                        };
                        format!(
                            "{}: doel {}, gemeten {}{}",
                            p.period,
                            show(p.target),
                            show(p.measured),
                            if p.behind { " (achter)" } else { "" }
                        )
                    })
                    .collect();
                blocks.push(Block::Paragraph {
                    runs: vec![Run::bold(format!("{measure} — {}: ", ind.name)), Run::plain(points.join("; "))],
                    size: 10.0,
                    align: Align::Left,
                    color: BLACK,
                });
            }
        }
    }

    let knelpunten: Vec<(String, String)> = measures
        .iter()
        .filter_map(|m| {
            let detail = store.measure(m.id, as_of).ok()?;
            detail.knelpunten.map(|k| (format!("{} {}", m.code, m.title), k))
        })
        .collect();
    blocks.push(Block::Heading { text: "Knelpunten en dilemma's".into(), level: 2 });
    if knelpunten.is_empty() {
        blocks.push(Block::text("Er zijn geen knelpunten vastgelegd."));
    }
    for (measure, text) in knelpunten {
        blocks.push(Block::Paragraph {
            runs: vec![Run::bold(format!("{measure}: ")), Run::plain(text)],
            size: 10.0,
            align: Align::Left,
            color: BLACK,
        });
    }
    blocks.push(Block::Heading { text: "Hoe het verkeerslicht wordt bepaald".into(), level: 3 });
    blocks.push(Block::Callout {
        title: String::new(),
        text: "Rood: niet doorgevoerd, of in een afgelopen jaar minder dan de helft van de taakstelling gerealiseerd. Oranje: in een afgelopen jaar de taakstelling niet volledig gerealiseerd (of niet bekend wat er gerealiseerd is), of een alternatief in ontwikkeling. Groen: gerealiseerd, of elke afgelopen taakstelling gehaald. Onbekend: geen taakstelling om aan te toetsen.".into(),
        tone: Tone::Info,
    });

    let layout = lay_out_stable(&blocks);
    let deco = Decoration {
        footer_left: format!(
            "Bestuursmap · kwartaalrapportage {} · gemaakt {}",
            quarter.label(),
            format::short_date(made_at.date())
        ),
        header_right: "Netwerk-MTplus aan het AB".into(),
        watermarks: vec![],
    };
    Ok(render(&layout, &format!("Kwartaalrapportage maatregelen {}", quarter.label()), &deco))
}

pub fn write_quarter_report(
    store: &Store,
    quarter: Quarter,
    made_at: NaiveDateTime,
    out: &Path,
) -> Result<usize, PackError> {
    let pdf = quarter_report(store, quarter, made_at)?;
    write_atomically(out, &pdf)?;
    Ok(lopdf::Document::load_mem(&pdf).map(|d| d.get_pages().len()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_read_and_bounded() {
        let q = Quarter::parse("2021-Q1").unwrap();
        assert_eq!((q.first_day().to_string(), q.last_day().to_string()), ("2021-01-01".into(), "2021-03-31".into()));
        assert_eq!(Quarter::parse("q4-2020").unwrap().last_day().to_string(), "2020-12-31");
        for bad in ["2021", "2021-Q5", "Q1", "twintig-Q1"] {
            assert!(Quarter::parse(bad).is_err(), "{bad}");
        }
    }
}
