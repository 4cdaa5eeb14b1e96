/*
 * sample_choose.c — the choices of `rubric-grade sample` (sample.h): the
 * seeded generator, the stratified choice of the cases and their
 * allocation to auditors.
 *
 * The choice. The cases that may be chosen (not audited within the
 * months given) fall in strata, one per team and case type. Each stratum
 * gets its share of the cases wanted in proportion to its cases, by the
 * largest remainder (Hamilton's method): the whole part of its exact
 * share first, then one more to the strata with the largest fractions
 * until the total is met; equal fractions are ordered by a number drawn
 * for each stratum, so no stratum is favoured by its name. So every
 * stratum gets its exact share rounded down or up. Within a stratum the
 * cases are drawn by a partial Fisher-Yates shuffle: every set of cases
 * of that size is as likely.
 *
 * The allocation. An auditor may be given a case of any team but their
 * own, up to their capacity. What matters for the loads is only how many
 * cases of each team each auditor holds, so that is what is balanced: the
 * teams with the fewest auditors who may take them are placed first,
 * each case with the least loaded auditor who may take it (equal loads
 * ordered by a seeded shuffle of the auditors). Then the loads are
 * evened out by "cost-reducing paths" (Harvey, Ladner, Lovász and Tamir,
 * "Semi-matchings for bipartite graphs and load balancing", 2006): while
 * some auditor holds at least two more cases than another who could end
 * a chain of hand-overs (A gives a case to B, who may take it, and B one
 * to C ...), the chain is made. With no such chain left the allocation is
 * optimal: no other has a smaller sum of squared loads or a smaller
 * largest load, so the loads differ by at most one wherever the teams
 * allow it. A full auditor who cannot take a team's case is made room for
 * by the same chains. Last, each team's chosen cases, shuffled, are
 * handed out in the auditors' order by those counts.
 */
#include <stdlib.h>
#include <string.h>

#include "sample.h"

/* ------------------------------------------------------------ generator */

/* splitmix64 (Vigna): the next of a sequence, to seed xoshiro. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static uint64_t rotate_left(uint64_t value, int bits)
{
    return (value << bits) | (value >> (64 - bits));
}

void sample_random_seed(sample_random *random, uint64_t seed)
{
    uint64_t state = seed;
    for (int word = 0; word < 4; word++)
        random->state[word] = splitmix64(&state);
}

uint64_t sample_random_next(sample_random *random)
{
    uint64_t *s = random->state;
    uint64_t result = rotate_left(s[1] * 5, 7) * 9;
    uint64_t shifted = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= shifted;
    s[3] = rotate_left(s[3], 45);
    return result;
}

uint64_t sample_random_below(sample_random *random, uint64_t bound)
{
    /* the numbers below THRESHOLD would make the small answers likelier */
    uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        uint64_t value = sample_random_next(random);
        if (value >= threshold)
            return value % bound;
    }
}

/* Shuffle COUNT indices in place (Fisher-Yates). */
static void shuffle(size_t *items, size_t count, sample_random *random)
{
    for (size_t index = count; index > 1; index--) {
        size_t other = (size_t)sample_random_below(random, index);
        size_t kept = items[index - 1];
        items[index - 1] = items[other];
        items[other] = kept;
    }
}

/* ------------------------------------------------------------- choosing */

/* A stratum as the quotas are settled. */
typedef struct stratum_share {
    const char *name;
    size_t index;
    uint64_t remainder;          /* the fraction of its exact share, times the cases */
    uint64_t draw;               /* orders equal fractions */
} stratum_share;

static int by_name(const void *left, const void *right)
{
    const stratum_share *a = left, *b = right;
    return strcmp(a->name, b->name);
}

/* Largest fraction first; equal ones by their draw, then their place. */
static int by_remainder(const void *left, const void *right)
{
    const stratum_share *a = left, *b = right;
    if (a->remainder != b->remainder)
        return a->remainder > b->remainder ? -1 : 1;
    if (a->draw != b->draw)
        return a->draw < b->draw ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

int sample_choose(sample_list *list, size_t wanted, sample_random *random)
{
    size_t strata = list->strata.count, total = 0;
    size_t *start = calloc(strata + 1, sizeof *start), *quota = calloc(strata, sizeof *quota);
    size_t *members = malloc((list->count ? list->count : 1) * sizeof *members);
    stratum_share *shares = malloc((strata ? strata : 1) * sizeof *shares);
    if (start == NULL || quota == NULL || members == NULL || shares == NULL) {
        free(start), free(quota), free(members), free(shares);
        return 0;
    }
    /* each stratum's cases, in the list's order, members[start[s] .. start[s + 1]) */
    for (size_t index = 0; index < list->count; index++)
        if (!list->cases[index].excluded)
            start[list->cases[index].stratum + 1]++, total++;
    for (size_t stratum = 0; stratum < strata; stratum++)
        start[stratum + 1] += start[stratum];
    size_t *filled = calloc(strata ? strata : 1, sizeof *filled);
    if (filled == NULL) {
        free(start), free(quota), free(members), free(shares);
        return 0;
    }
    for (size_t index = 0; index < list->count; index++)
        if (!list->cases[index].excluded) {
            unsigned stratum = list->cases[index].stratum;
            members[start[stratum] + filled[stratum]++] = index;
        }
    free(filled);
    /* the quotas: whole parts, then the largest remainders */
    size_t given = 0;
    for (size_t stratum = 0; stratum < strata; stratum++) {
        uint64_t exact = (uint64_t)wanted * (start[stratum + 1] - start[stratum]);
        quota[stratum] = total ? (size_t)(exact / total) : 0;
        given += quota[stratum];
        shares[stratum] = (stratum_share){list->strata.names[stratum], stratum, total ? exact % total : 0, 0};
    }
    qsort(shares, strata, sizeof *shares, by_name);
    for (size_t place = 0; place < strata; place++)
        shares[place].draw = sample_random_next(random);
    stratum_share *ordered = malloc((strata ? strata : 1) * sizeof *ordered);
    if (ordered == NULL) {
        free(start), free(quota), free(members), free(shares);
        return 0;
    }
    memcpy(ordered, shares, strata * sizeof *ordered);
    qsort(ordered, strata, sizeof *ordered, by_remainder);
    for (size_t place = 0; given < wanted && place < strata; place++)
        if (ordered[place].remainder > 0)
            quota[ordered[place].index]++, given++;
    free(ordered);
    /* the cases, stratum by stratum in the strata's name order */
    for (size_t place = 0; place < strata; place++) {
        size_t stratum = shares[place].index, size = start[stratum + 1] - start[stratum];
        size_t *pool = members + start[stratum];
        for (size_t drawn = 0; drawn < quota[stratum] && drawn < size; drawn++) {
            size_t other = drawn + (size_t)sample_random_below(random, size - drawn);
            size_t kept = pool[drawn];
            pool[drawn] = pool[other];
            pool[other] = kept;
            list->cases[pool[drawn]].chosen = 1;
        }
    }
    free(start), free(quota), free(members), free(shares);
    return 1;
}

/* ----------------------------------------------------------- allocating */

/* The allocation being made: counts[auditor * teams + team]. */
typedef struct allocation {
    sample_auditors *auditors;
    size_t teams;
    unsigned long *counts;
    size_t *rank;                /* each auditor's place in the seeded shuffle */
    size_t *parent;              /* the search's tree: (size_t)-1 for a root */
    size_t *queue;
    unsigned char *seen;
} allocation;

enum { NO_PARENT = -1 };

/* Whether AUDITOR may be given a case of TEAM. */
static int may_take(const allocation *state, size_t auditor, size_t team)
{
    const sample_auditor *one = &state->auditors->auditors[auditor];
    return one->team_index != (int)team && one->capacity != 0;
}

/* Whether AUDITOR has room for one more case. */
static int has_room(const allocation *state, size_t auditor)
{
    const sample_auditor *one = &state->auditors->auditors[auditor];
    return one->capacity < 0 || one->load < (unsigned long)one->capacity;
}

/* Whether FROM holds a case TO may be given. */
static int can_hand_over(const allocation *state, size_t from, size_t to)
{
    const sample_auditor *giver = &state->auditors->auditors[from], *taker = &state->auditors->auditors[to];
    if (taker->capacity == 0 || giver->load == 0)
        return 0;
    if (taker->team_index < 0)
        return 1;
    return giver->load - state->counts[from * state->teams + (size_t)taker->team_index] > 0;
}

/* Make the chain of hand-overs that ends at END: each auditor on it gives
 * its next one a case of a team that one may take. */
static void hand_over(allocation *state, size_t end)
{
    for (size_t to = end; state->parent[to] != (size_t)NO_PARENT; to = state->parent[to]) {
        size_t from = state->parent[to];
        int taker_team = state->auditors->auditors[to].team_index;
        for (size_t team = 0; team < state->teams; team++)
            if ((int)team != taker_team && state->counts[from * state->teams + team] > 0) {
                state->counts[from * state->teams + team]--;
                state->counts[to * state->teams + team]++;
                break;
            }
    }
    size_t root = end;
    while (state->parent[root] != (size_t)NO_PARENT)
        root = state->parent[root];
    state->auditors->auditors[root].load--;
    state->auditors->auditors[end].load++;
}

/* A breadth-first search for a chain from the auditors marked in ROOTS
 * to one with room whose load is at most MOST_LOAD; the chain's end, or
 * (size_t)-1 when there is none. A root may not end its own chain. */
static size_t find_chain(allocation *state, const unsigned char *roots, unsigned long most_load)
{
    size_t count = state->auditors->count, head = 0, tail = 0;
    for (size_t auditor = 0; auditor < count; auditor++) {
        state->seen[auditor] = roots[auditor];
        state->parent[auditor] = (size_t)NO_PARENT;
        if (roots[auditor])
            state->queue[tail++] = auditor;
    }
    while (head < tail) {
        size_t from = state->queue[head++];
        for (size_t to = 0; to < count; to++) {
            if (state->seen[to] || !can_hand_over(state, from, to))
                continue;
            state->seen[to] = 1;
            state->parent[to] = from;
            if (has_room(state, to) && state->auditors->auditors[to].load <= most_load)
                return to;
            state->queue[tail++] = to;
        }
    }
    return (size_t)-1;
}

/* Even the loads out until no chain lowers them. */
static void balance(allocation *state, unsigned char *roots)
{
    size_t count = state->auditors->count;
    for (int improved = 1; improved;) {
        improved = 0;
        unsigned long lowest = (unsigned long)-1;
        for (size_t auditor = 0; auditor < count; auditor++)
            if (has_room(state, auditor) && state->auditors->auditors[auditor].capacity != 0 &&
                state->auditors->auditors[auditor].load < lowest)
                lowest = state->auditors->auditors[auditor].load;
        for (size_t auditor = 0; auditor < count && !improved; auditor++) {
            unsigned long load = state->auditors->auditors[auditor].load;
            if (lowest == (unsigned long)-1 || load < lowest + 2)
                continue;
            memset(roots, 0, count);
            roots[auditor] = 1;
            size_t end = find_chain(state, roots, load - 2);
            if (end != (size_t)-1) {
                hand_over(state, end);
                improved = 1;
            }
        }
    }
}

/* Place one case of TEAM: with the least loaded auditor who may take it,
 * else by a chain that makes room; 0 when nobody can. */
static int place(allocation *state, size_t team, unsigned char *roots)
{
    size_t count = state->auditors->count, best = (size_t)-1;
    sample_auditor *auditors = state->auditors->auditors;
    for (size_t auditor = 0; auditor < count; auditor++) {
        if (!may_take(state, auditor, team) || !has_room(state, auditor))
            continue;
        if (best == (size_t)-1 || auditors[auditor].load < auditors[best].load ||
            (auditors[auditor].load == auditors[best].load && state->rank[auditor] < state->rank[best]))
            best = auditor;
    }
    if (best == (size_t)-1) {
        for (size_t auditor = 0; auditor < count; auditor++)
            roots[auditor] = (unsigned char)may_take(state, auditor, team);
        size_t end = find_chain(state, roots, (unsigned long)-1);
        if (end == (size_t)-1)
            return 0;
        hand_over(state, end);   /* the chain's first auditor now has room */
        for (best = end; state->parent[best] != (size_t)NO_PARENT;)
            best = state->parent[best];
    }
    state->counts[best * state->teams + team]++;
    auditors[best].load++;
    return 1;
}

/* Teams in the order they are placed: fewest auditors who may take them first. */
typedef struct team_order {
    const char *name;
    size_t index;
    size_t takers;
} team_order;

static int by_takers(const void *left, const void *right)
{
    const team_order *a = left, *b = right;
    if (a->takers != b->takers)
        return a->takers < b->takers ? -1 : 1;
    return strcmp(a->name, b->name);
}

/* Hand each team's chosen cases, shuffled, to the auditors by the counts. */
static int hand_out_cases(sample_list *list, allocation *state, sample_random *random)
{
    size_t *cases = malloc((list->count ? list->count : 1) * sizeof *cases);
    size_t *start = calloc(state->teams + 1, sizeof *start);
    if (cases == NULL || start == NULL) {
        free(cases), free(start);
        return 0;
    }
    /* each team's chosen cases, in the list's order: cases[start[t] .. start[t + 1]) */
    for (size_t index = 0; index < list->count; index++)
        if (list->cases[index].chosen)
            start[list->cases[index].team_index + 1]++;
    for (size_t team = 0; team < state->teams; team++)
        start[team + 1] += start[team];
    for (size_t index = 0; index < list->count; index++)
        if (list->cases[index].chosen)
            cases[start[list->cases[index].team_index]++] = index;
    for (size_t team = state->teams; team > 0; team--)
        start[team] = start[team - 1];   /* the filling moved each start to the next's */
    start[0] = 0;
    for (size_t team = 0; team < state->teams; team++) {
        size_t *own = cases + start[team], next = 0;
        shuffle(own, start[team + 1] - start[team], random);
        for (size_t auditor = 0; auditor < state->auditors->count; auditor++)
            for (unsigned long given = 0; given < state->counts[auditor * state->teams + team]; given++)
                list->cases[own[next++]].auditor = (int)auditor;
    }
    free(cases), free(start);
    return 1;
}

int sample_allocate(sample_list *list, sample_auditors *auditors, sample_random *random, const char *auditors_path,
                    sample_error *error)
{
    size_t count = auditors->count, teams = list->teams.count;
    allocation state = {.auditors = auditors, .teams = teams};
    state.counts = calloc(count * teams + 1, sizeof *state.counts);
    state.rank = malloc(count * sizeof *state.rank);
    state.parent = malloc(count * sizeof *state.parent);
    state.queue = malloc(count * sizeof *state.queue);
    state.seen = malloc(count);
    unsigned char *roots = malloc(count);
    size_t *needed = calloc(teams ? teams : 1, sizeof *needed);
    team_order *order = malloc((teams ? teams : 1) * sizeof *order);
    int result = 1;
    if (!state.counts || !state.rank || !state.parent || !state.queue || !state.seen || !roots || !needed || !order) {
        result = sample_fail(error, "out of memory");
        goto done;
    }
    size_t wanted = 0;
    for (size_t index = 0; index < list->count; index++)
        if (list->cases[index].chosen)
            needed[list->cases[index].team_index]++, wanted++;
    for (size_t auditor = 0; auditor < count; auditor++) {
        state.rank[auditor] = auditor;
        auditors->auditors[auditor].load = 0;
    }
    shuffle(state.rank, count, random);
    /* rank[] holds a shuffled order; make it each auditor's place in it */
    for (size_t place = 0; place < count; place++)
        state.parent[state.rank[place]] = place;
    memcpy(state.rank, state.parent, count * sizeof *state.rank);
    unsigned long room = 0;
    int limited = 1;
    for (size_t auditor = 0; auditor < count; auditor++) {
        if (auditors->auditors[auditor].capacity < 0)
            limited = 0;
        else
            room += (unsigned long)auditors->auditors[auditor].capacity;
    }
    if (limited && room < wanted) {
        result = sample_fail(error, "the auditors in %s can take %lu cases in all (their capacities), fewer "
                             "than the %zu chosen: raise a capacity, add an auditor, or choose fewer cases",
                             auditors_path, room, wanted);
        goto done;
    }
    size_t placing = 0;
    for (size_t team = 0; team < teams; team++) {
        if (needed[team] == 0)
            continue;
        size_t takers = 0;
        for (size_t auditor = 0; auditor < count; auditor++)
            takers += (size_t)may_take(&state, auditor, team);
        order[placing++] = (team_order){list->teams.names[team], team, takers};
    }
    qsort(order, placing, sizeof *order, by_takers);
    for (size_t step = 0; step < placing; step++) {
        if (order[step].takers > 0)
            continue;
        result = sample_fail(error, "no auditor may be given team '%s''s %zu chosen case%s: every auditor in %s "
                             "is in team '%s' or has capacity 0 (an auditor is never given their own team's "
                             "cases); add an auditor from another team", order[step].name,
                             needed[order[step].index], needed[order[step].index] == 1 ? "" : "s",
                             auditors_path, order[step].name);
        goto done;
    }
    for (size_t step = 0; step < placing; step++)
        for (size_t placed = 0; placed < needed[order[step].index]; placed++)
            if (!place(&state, order[step].index, roots)) {
                result = sample_fail(error, "team '%s''s %zu chosen cases cannot all be allocated: the auditors "
                                     "in %s who may take them (every one not in team '%s') are full (their "
                                     "capacities); raise a capacity, add an auditor from another team, or "
                                     "choose fewer cases", order[step].name, needed[order[step].index],
                                     auditors_path, order[step].name);
                goto done;
            }
    balance(&state, roots);
    if (!hand_out_cases(list, &state, random))
        result = sample_fail(error, "out of memory");
done:
    free(state.counts), free(state.rank), free(state.parent), free(state.queue), free(state.seen);
    free(roots), free(needed), free(order);
    return result;
}
