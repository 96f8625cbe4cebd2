/*
 * Learning by reward: a goat on a small field learns, try after try, which move is
 * worth most in each cell (Q-learning). After each move it nudges the value of
 * that move towards "the points I just got + what the best move from where I
 * landed is worth" (discounted); grass and thorns end the try, so nothing is worth
 * anything after them. No one tells the goat the way: the points do.
 *
 * Values start at 0 and each move costs a point, so moves not yet tried look
 * better than tried ones: the goat explores without being told to, and the
 * explore chance adds a few random moves on top.
 *
 * Invariants: DEMO_REWARD_MIN_SIZE <= width, height <= DEMO_REWARD_MAX_SIZE; the
 * start is an open cell inside the field; q of walls, grass and thorns stays 0.
 */
#include "demos/demos.h"

#include <assert.h>
#include <string.h>

static const int STEP_X[DEMO_MOVE_COUNT] = {0, 1, 0, -1};
static const int STEP_Y[DEMO_MOVE_COUNT] = {-1, 0, 1, 0};

void demo_reward_default_map(DemoRewardMap *map) {
    /* The goat starts at the top left; thorns lie on the short ways down and guard
     * the grass at the bottom right. */
    // clang-format off
    static const char *const ROWS[] = {
        "S....",
        ".TT#.",
        "...#.",
        ".#.T.",
        "...TG",
    };
    // clang-format on
    memset(map, 0, sizeof *map);
    map->grass = 10;
    map->thorns = -10;
    map->step = -1;
    map->learning_rate = 0.5;
    map->discount = 0.9;
    map->explore = 0.1;
    map->max_steps = 100;
    AilResult rc = demo_reward_map_parse(map, ROWS, 5, NULL);
    assert(rc == AIL_OK);
    (void)rc;
}

static AilResult parse_cell(DemoRewardMap *map, int x, int y, char c, size_t *starts, size_t *grass,
                            AilError *err) {
    assert(x >= 0 && x < DEMO_REWARD_MAX_SIZE && y >= 0 && y < DEMO_REWARD_MAX_SIZE);
    switch (c) {
    case '.': map->cells[y][x] = DEMO_CELL_OPEN; break;
    case '#': map->cells[y][x] = DEMO_CELL_WALL; break;
    case 'T': map->cells[y][x] = DEMO_CELL_THORNS; break;
    case 'G':
        map->cells[y][x] = DEMO_CELL_GRASS;
        (*grass)++;
        break;
    case 'S':
        map->cells[y][x] = DEMO_CELL_OPEN;
        map->start_x = x;
        map->start_y = y;
        (*starts)++;
        break;
    default:
        if ((unsigned char)c < 0x20 || (unsigned char)c >= 0x7F)
            return ail_error_set(err, AIL_ERR_INVALID,
                                 "row %d has a character other than S, G, T, # and .", y + 1);
        return ail_error_set(err, AIL_ERR_INVALID,
                             "row %d has '%c': use S (start), G (grass), T (thorns), # (wall) "
                             "or . (open)",
                             y + 1, c);
    }
    return AIL_OK;
}

AilResult demo_reward_map_parse(DemoRewardMap *map, const char *const *rows, size_t row_count,
                                AilError *err) {
    if (row_count < DEMO_REWARD_MIN_SIZE || row_count > DEMO_REWARD_MAX_SIZE)
        return ail_error_set(err, AIL_ERR_INVALID, "the field needs %d to %d rows, not %zu",
                             DEMO_REWARD_MIN_SIZE, DEMO_REWARD_MAX_SIZE, row_count);
    size_t width = strlen(rows[0]);
    if (width < DEMO_REWARD_MIN_SIZE || width > DEMO_REWARD_MAX_SIZE)
        return ail_error_set(err, AIL_ERR_INVALID, "the field needs %d to %d columns, not %zu",
                             DEMO_REWARD_MIN_SIZE, DEMO_REWARD_MAX_SIZE, width);
    DemoRewardMap m = *map;
    memset(m.cells, 0, sizeof m.cells);
    size_t starts = 0, grass = 0;
    for (size_t y = 0; y < row_count; y++) {
        if (strlen(rows[y]) != width)
            return ail_error_set(err, AIL_ERR_INVALID,
                                 "row %zu has %zu cells but the first row has %zu", y + 1,
                                 strlen(rows[y]), width);
        for (size_t x = 0; x < width; x++) {
            AilResult rc = parse_cell(&m, (int)x, (int)y, rows[y][x], &starts, &grass, err);
            if (rc != AIL_OK) return rc;
        }
    }
    if (starts != 1)
        return ail_error_set(err, AIL_ERR_INVALID, "the field needs exactly one S, not %zu",
                             starts);
    if (grass == 0) return ail_error_set(err, AIL_ERR_INVALID, "the field needs a G (grass)");
    m.width = (int)width;
    m.height = (int)row_count;
    *map = m;
    return AIL_OK;
}

static bool within(double v, double low, double high) { return v >= low && v <= high; }

AilResult demo_reward_check_map(const DemoRewardMap *map, AilError *err) {
    if (!within(map->learning_rate, 0, 1))
        return ail_error_set(err, AIL_ERR_INVALID, "learning_rate must be between 0 and 1");
    if (!within(map->discount, 0, 1))
        return ail_error_set(err, AIL_ERR_INVALID, "discount must be between 0 and 1");
    if (!within(map->explore, 0, 1))
        return ail_error_set(err, AIL_ERR_INVALID, "explore must be between 0 and 1");
    if (map->max_steps < 1 || map->max_steps > 1000)
        return ail_error_set(err, AIL_ERR_INVALID, "max_steps must be between 1 and 1000");
    if (!within(map->grass, -1000, 1000) || !within(map->thorns, -1000, 1000) ||
        !within(map->step, -1000, 1000))
        return ail_error_set(err, AIL_ERR_INVALID,
                             "the points for grass, thorns and a step must be between -1000 "
                             "and 1000");
    return AIL_OK;
}

void demo_reward_init(DemoReward *r, const DemoRewardMap *map) {
    assert(map->width >= DEMO_REWARD_MIN_SIZE && map->width <= DEMO_REWARD_MAX_SIZE);
    assert(map->height >= DEMO_REWARD_MIN_SIZE && map->height <= DEMO_REWARD_MAX_SIZE);
    assert(map->start_x >= 0 && map->start_x < map->width);
    assert(map->start_y >= 0 && map->start_y < map->height);
    assert(map->cells[map->start_y][map->start_x] == DEMO_CELL_OPEN);
    memset(r, 0, sizeof *r);
    r->map = *map;
}

static bool ends_try(const DemoRewardMap *m, int x, int y) {
    return m->cells[y][x] == DEMO_CELL_GRASS || m->cells[y][x] == DEMO_CELL_THORNS;
}

/* Where a move from (x, y) lands and what it earns. */
static double move_goat(const DemoRewardMap *m, int x, int y, int move, int *nx, int *ny) {
    assert(move >= 0 && move < DEMO_MOVE_COUNT);
    *nx = x + STEP_X[move];
    *ny = y + STEP_Y[move];
    if (*nx < 0 || *ny < 0 || *nx >= m->width || *ny >= m->height ||
        m->cells[*ny][*nx] == DEMO_CELL_WALL) {
        *nx = x;
        *ny = y;
    }
    if (m->cells[*ny][*nx] == DEMO_CELL_GRASS) return m->grass;
    if (m->cells[*ny][*nx] == DEMO_CELL_THORNS) return m->thorns;
    return m->step;
}

static double best_value(const DemoReward *r, int x, int y) {
    const double *q = r->q[y][x];
    double best = q[0];
    for (int a = 1; a < DEMO_MOVE_COUNT; a++)
        if (q[a] > best) best = q[a];
    return best;
}

/* The move the goat makes: random with chance explore, else a best one (ties drawn). */
static int choose_move(const DemoReward *r, int x, int y, uint32_t *seed) {
    if ((double)demo_random(seed) / 4294967296.0 < r->map.explore)
        return (int)demo_random_below(seed, DEMO_MOVE_COUNT);
    double best = best_value(r, x, y);
    int ties[DEMO_MOVE_COUNT], n = 0;
    for (int a = 0; a < DEMO_MOVE_COUNT; a++)
        if (r->q[y][x][a] == best) ties[n++] = a;
    assert(n >= 1);
    return n == 1 ? ties[0] : ties[demo_random_below(seed, (uint32_t)n)];
}

static double run_try(DemoReward *r, uint32_t *seed) {
    const DemoRewardMap *m = &r->map;
    int x = m->start_x, y = m->start_y;
    double total = 0;
    size_t steps = 0;
    while (steps < m->max_steps && !ends_try(m, x, y)) {
        assert(x >= 0 && x < m->width && y >= 0 && y < m->height);
        int move = choose_move(r, x, y, seed), nx, ny;
        double points = move_goat(m, x, y, move, &nx, &ny);
        double later = ends_try(m, nx, ny) ? 0 : m->discount * best_value(r, nx, ny);
        double *q = &r->q[y][x][move];
        *q += m->learning_rate * (points + later - *q);
        total += points;
        x = nx;
        y = ny;
        steps++;
    }
    r->last_steps = steps;
    return total;
}

void demo_reward_run(DemoReward *r, size_t n, uint32_t *seed) {
    for (size_t i = 0; i < n; i++) {
        double total = run_try(r, seed);
        r->totals[r->tries % DEMO_REWARD_HISTORY] = total;
        r->tries++;
    }
}

size_t demo_reward_recent_totals(const DemoReward *r, double *out, size_t max) {
    size_t kept = r->tries < DEMO_REWARD_HISTORY ? r->tries : DEMO_REWARD_HISTORY;
    size_t n = max < kept ? max : kept;
    for (size_t i = 0; i < n; i++) out[i] = r->totals[(r->tries - n + i) % DEMO_REWARD_HISTORY];
    return n;
}

int demo_reward_best_move(const DemoReward *r, int x, int y) {
    assert(x >= 0 && x < r->map.width && y >= 0 && y < r->map.height);
    if (r->map.cells[y][x] != DEMO_CELL_OPEN) return -1;
    const double *q = r->q[y][x];
    int best = 0;
    bool learned = q[0] != 0;
    for (int a = 1; a < DEMO_MOVE_COUNT; a++) {
        learned |= q[a] != 0;
        if (q[a] > q[best]) best = a;
    }
    return learned ? best : -1;
}

DemoPathEnd demo_reward_greedy_path(const DemoReward *r, int (*cells)[2], size_t max,
                                    size_t *length) {
    const DemoRewardMap *m = &r->map;
    bool seen[DEMO_REWARD_MAX_SIZE][DEMO_REWARD_MAX_SIZE] = {{false}};
    int x = m->start_x, y = m->start_y;
    size_t n = 0;
    DemoPathEnd end = DEMO_PATH_LOST;
    for (;;) {
        if (n < max) {
            cells[n][0] = x;
            cells[n][1] = y;
            n++;
        }
        if (m->cells[y][x] == DEMO_CELL_GRASS) {
            end = DEMO_PATH_GRASS;
            break;
        }
        if (m->cells[y][x] == DEMO_CELL_THORNS) {
            end = DEMO_PATH_THORNS;
            break;
        }
        int move = demo_reward_best_move(r, x, y);
        if (move < 0 || seen[y][x]) break;
        seen[y][x] = true;
        int nx, ny;
        move_goat(m, x, y, move, &nx, &ny);
        x = nx;
        y = ny;
        if (seen[y][x]) break; /* back where it was: it would go round for ever */
    }
    *length = n;
    return end;
}
