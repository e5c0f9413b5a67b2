"""Possible duplicates are found one rapidfuzz call per person and birth-date group: the same
pairs, with the same scores, as the pair-by-pair loop the import used before (kept here as the
reference), on thousands of generated people sharing few birth dates."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from staging.demo.generator import generate_demo_site
from staging.registration.name_matching import alike_pairs, name_similarity
from staging.registration.service import import_registrations
from staging.rules import Policy, possible_duplicate
from staging.rules.duplicates import DuplicatesPolicy
from staging.store.store import Actor, Store
from staging.text import name_key
from tests.conftest import write_registrations

BIRTH_DATES = [date(1960, 1, 1).replace(year=1960 + n % 45, month=1 + n % 12) for n in range(40)]
Pair = tuple[str, str]


# --- the reference: the import's duplicate search before it was vectorised -------------------


def _may_be_alike(
    first: str,
    second: str,
    first_words: frozenset[str],
    second_words: frozenset[str],
    cutoff: float,
) -> bool:
    if fuzz.token_sort_ratio(first, second, score_cutoff=cutoff):
        return True
    return len(first_words & second_words) >= 2 and bool(
        fuzz.token_set_ratio(first, second, score_cutoff=cutoff)
    )


def reference_pairs(
    groups: dict[str, list[tuple[str, str]]],
    touched: set[str],
    known: set[Pair],
    policy: Policy,
) -> dict[Pair, int]:
    """Every pair (ids in order) the old loop flagged, with its stored score."""
    threshold = policy.duplicates.possible_duplicate_min_score
    cutoff = max(threshold - 1, 0)
    prefilter = threshold > 1
    known = set(known)
    found: dict[Pair, int] = {}
    for members in groups.values():
        group = [(pid, key, frozenset(key.split())) for pid, key in members]
        for i, (first_id, first_name, first_words) in enumerate(group):
            first_touched = first_id in touched
            for second_id, second_name, second_words in group[i + 1 :]:
                if not first_touched and second_id not in touched:
                    continue
                if prefilter and not _may_be_alike(
                    first_name, second_name, first_words, second_words, cutoff
                ):
                    continue
                pair = (first_id, second_id) if first_id < second_id else (second_id, first_id)
                if pair in known:
                    continue
                score = name_similarity(first_name, second_name)
                if possible_duplicate(score, same_birth_date=True, policy=policy.duplicates):
                    found[pair] = round(score)
                    known.add(pair)
    return found


# --- a list with many shared birth dates and many near-duplicates -----------------------------


def _variant(rng: random.Random, row: dict[str, str]) -> dict[str, str]:
    """The same person as another organisation might type them."""
    given, paternal, maternal = row["given_names"], row["paternal_surname"], row["maternal_surname"]
    way = rng.randrange(6)
    if way == 0:
        given, paternal, maternal = given.upper(), paternal.upper(), maternal.upper()
    elif way == 1:
        paternal, maternal = maternal, paternal
    elif way == 2:
        maternal = ""
    elif way == 3 and len(paternal) > 3:
        at = rng.randrange(1, len(paternal) - 1)
        paternal = paternal[:at] + paternal[at + 1 :]
    elif way == 4:
        given = given.split()[0]
    else:
        given = given + " " + rng.choice(["María", "José", "Guadalupe"])
    return {**row, "given_names": given, "paternal_surname": paternal, "maternal_surname": maternal}


def crowded_list(people: int, seed: int) -> list[dict[str, str]]:
    """Demo people squeezed onto 40 birth dates, every fifth one typed twice."""
    rng = random.Random(seed)
    site = generate_demo_site(people=people, seed=seed, today=date(2021, 3, 1))
    rows = []
    for n, row in enumerate(site.rows):
        row = {**row, "date_of_birth": rng.choice(BIRTH_DATES).isoformat()}
        rows.append(row)
        if n % 5 == 0:
            twin = _variant(rng, row)
            twin["registration_id"] = f"TWIN-{n:06d}"
            twin["a_number"] = f"9{n:08d}"
            twin["household_id"] = f"TWIN-H-{n:06d}"
            rows.append(twin)
    return rows


def site_groups(store: Store) -> dict[str, list[tuple[str, str]]]:
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for person_id, birth, *parts in store.db.execute(
        "SELECT id, date_of_birth, given_names, paternal_surname, maternal_surname FROM person"
    ):
        groups[birth].append((person_id, name_key(*parts)))
    return groups


def flagged(store: Store) -> dict[Pair, int]:
    return {
        (a, b): score
        for a, b, score in store.db.execute(
            "SELECT person_id, other_person_id, score FROM possible_duplicate"
        )
    }


def test_the_import_flags_the_same_pairs_as_the_pair_by_pair_loop(
    store: Store, coordinator: Actor, tmp_path: Path
) -> None:
    rows = crowded_list(2_500, seed=4)
    summary = import_registrations(
        store, coordinator, write_registrations(tmp_path / "l.csv", rows)
    )
    assert summary.rejected == 0
    groups = site_groups(store)
    assert len(groups) == len(BIRTH_DATES)  # about 75 people per birth date
    everyone = {pid for members in groups.values() for pid, _ in members}

    expected = reference_pairs(groups, everyone, set(), Policy())
    assert len(expected) > 300  # the twins, and namesakes born the same day
    assert flagged(store) == expected
    assert summary.possible_duplicates == len(expected)

    # A second list: some of the same people again (a few corrected), some new; pairs already
    # flagged are not flagged twice, and only pairs with someone just added or changed count.
    again = crowded_list(600, seed=9)
    for row in again[::3]:
        row["registration_id"] = row["registration_id"].replace("UNHCR", "ACNUR")
        row["a_number"] = "8" + row["a_number"][-8:]
        row["household_id"] = "ACNUR-" + row["household_id"]
    for row in rows[:200:7]:
        again.append({**row, "given_names": row["given_names"] + " Ana"})
    known = set(flagged(store))
    before = {pid for members in site_groups(store).values() for pid, _ in members}
    second = import_registrations(
        store, coordinator, write_registrations(tmp_path / "again.csv", again)
    )
    assert second.imported > 0 and second.updated > 0
    touched = {
        pid for members in site_groups(store).values() for pid, _ in members if pid not in before
    } | {
        pid
        for (pid,) in store.db.execute(
            "SELECT entity_id FROM audit_log WHERE entity = 'person' AND action LIKE '%:update'"
        )
    }
    expected_new = reference_pairs(site_groups(store), touched, known, Policy())
    assert {pair: score for pair, score in flagged(store).items() if pair not in known} == (
        expected_new
    )
    assert second.possible_duplicates == len(expected_new)


@pytest.mark.parametrize("threshold", [1, 60, 80, 88, 95, 100])
def test_alike_pairs_gives_the_reference_pairs_for_any_threshold_and_marks(threshold: int) -> None:
    rng = random.Random(threshold)
    rows = crowded_list(600, seed=threshold)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for n, row in enumerate(rows):
        key = name_key(row["given_names"], row["paternal_surname"], row["maternal_surname"])
        groups[row["date_of_birth"]].append((f"p{n:05d}", key))
    touched = {pid for members in groups.values() for pid, _ in members if rng.random() < 0.3}
    policy = Policy(duplicates=DuplicatesPolicy(possible_duplicate_min_score=threshold))
    found: dict[Pair, int] = {}
    for members in groups.values():
        marked = [pid in touched for pid, _ in members]
        for i, j, score in alike_pairs([key for _, key in members], marked, threshold):
            first, second = members[i][0], members[j][0]
            found[(min(first, second), max(first, second))] = round(score)
    assert found == reference_pairs(groups, touched, set(), policy)


def test_one_crowded_birth_date_gives_the_reference_pairs() -> None:
    """Lists that write an unknown birthday as 1 January put hundreds on one date."""
    rows = crowded_list(700, seed=1)
    keys = [name_key(r["given_names"], r["paternal_surname"], r["maternal_surname"]) for r in rows]
    group = [(f"p{n:05d}", key) for n, key in enumerate(keys)]
    rng = random.Random(2)
    for touched in ({pid for pid, _ in group}, {pid for pid, _ in group if rng.random() < 0.1}):
        marked = [pid in touched for pid, _ in group]
        found = {
            (group[i][0], group[j][0]): round(score)
            for i, j, score in alike_pairs(keys, marked, 88)
        }
        assert found == reference_pairs({"1990-01-01": group}, touched, set(), Policy())
