//! Calendar dates for reasons ("you ignored it on 3 March"), from milliseconds since the epoch.

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The (year, month 1–12, day 1–31) of the UTC day `days` after 1970-01-01, in the proleptic
/// Gregorian calendar (the era-based conversion of Howard Hinnant's `civil_from_days`).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// "3 March" for a time in milliseconds since the epoch (UTC); "an earlier date" for a time
/// that is not a number.
pub fn day_month(ms: f64) -> String {
    if !ms.is_finite() {
        return "an earlier date".into();
    }
    let days = (ms / 86_400_000.0).floor().clamp(-1e9, 1e9) as i64;
    let (_, month, day) = civil(days);
    format!("{day} {}", MONTHS[month as usize - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(-1), (1969, 12, 31));
        assert_eq!(civil(19_785), (2024, 3, 3));
        assert_eq!(civil(19_781), (2024, 2, 28));
        assert_eq!(civil(19_782), (2024, 2, 29), "a leap day");
        assert_eq!(day_month(19_785.0 * 86_400_000.0 + 3_600_000.0), "3 March");
        assert_eq!(day_month(f64::NAN), "an earlier date");
        assert_eq!(day_month(f64::MAX), day_month(1e9 * 86_400_000.0));
    }
}
