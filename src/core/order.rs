//! One sort for every list the engine sorts. The standard library's sorts are generic: each
//! element type and comparison is a new copy of the whole algorithm in the wasm (about 2.5 KB
//! each, ten of them). Here the one copy sorts positions (`usize`), and each list is then put in
//! that order by swaps, so only a small loop is built per type.

use std::cmp::Ordering;

/// The positions `0..len` in the order `cmp` gives them; stable (ties keep their order).
#[inline(never)]
fn permutation(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    order
}

/// The swaps that put a list in `order` (the new list's `i`th item is the old `order[i]`th),
/// one at most per item.
#[inline(never)]
fn swaps(order: &[usize]) -> Vec<(usize, usize)> {
    // `place[k]`: where the old `k`th item is now; `held[p]`: which old item is at `p`.
    let mut place: Vec<usize> = (0..order.len()).collect();
    let mut held = place.clone();
    let mut out = Vec::new();
    for (i, &k) in order.iter().enumerate() {
        let p = place[k];
        if p != i {
            out.push((i, p));
            let moved = held[i];
            held[p] = moved;
            place[moved] = p;
            held[i] = k;
            place[k] = i;
        }
    }
    out
}

/// Sorts `items` by `cmp`, stably (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let order = permutation(items.len(), &mut |a, b| cmp(&items[a], &items[b]));
    for (a, b) in swaps(&order) {
        items.swap(a, b);
    }
}

/// Sorts `items` in their natural order (as `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_as_the_standard_library_sorts_stably() {
        let mut seed = 7u64;
        for len in (0..40).chain([100, 1000]) {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "{len}");
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std = items.clone();
            std.sort_by_key(|b| std::cmp::Reverse(b.0));
            assert_eq!(ours, std, "{len}");
            let mut ours: Vec<String> = items.iter().map(|(k, i)| format!("{k}-{i}")).collect();
            let mut std = ours.clone();
            sort(&mut ours);
            std.sort();
            assert_eq!(ours, std, "{len}");
        }
    }
}
