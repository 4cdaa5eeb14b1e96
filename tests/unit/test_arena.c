/*
 * test_arena.c — unit tests of the compilation's allocator
 * (compiler/front/arena.c): zeroed memory, growth that keeps the contents and
 * zeroes the rest, both in place (the latest allocation) and by copying
 * (an older one, or one too big for the block), and big requests.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

/* Whether size bytes at memory are all zero. */
static int all_zero(const unsigned char *memory, size_t size)
{
    for (size_t i = 0; i < size; i++)
        if (memory[i] != 0)
            return 0;
    return 1;
}

static void grow_latest_in_place(void **state)
{
    (void)state;
    arena *region = arena_new();
    unsigned char *first = arena_alloc(region, 40);
    assert_true(all_zero(first, 40));
    memset(first, 'x', 40);
    unsigned char *grown = arena_grow(region, first, 40, 1000, 1);
    assert_ptr_equal(grown, first);
    assert_int_equal(grown[39], 'x');
    assert_true(all_zero(grown + 40, 960));
    arena_free(region);
}

static void grow_older_by_copying(void **state)
{
    (void)state;
    arena *region = arena_new();
    int *numbers = arena_array(region, 4, sizeof *numbers);
    for (int i = 0; i < 4; i++)
        numbers[i] = i + 1;
    char *later = arena_strdup(region, "later");
    int *grown = arena_grow(region, numbers, 4, 64, sizeof *numbers);
    assert_ptr_not_equal(grown, numbers);
    assert_int_equal(grown[3], 4);
    assert_true(all_zero((const unsigned char *)(grown + 4), 60 * sizeof *grown));
    assert_string_equal(later, "later");
    arena_free(region);
}

static void grow_past_the_block(void **state)
{
    (void)state;
    arena *region = arena_new();
    char *text = arena_strdup(region, "kept");
    char *big = arena_grow(region, text, 5, 1u << 20, 1);
    assert_string_equal(big, "kept");
    assert_true(all_zero((const unsigned char *)big + 5, (1u << 20) - 5));
    char *printed = arena_printf(region, "%s-%d", big, 7);
    assert_string_equal(printed, "kept-7");
    arena_free(region);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grow_latest_in_place),
        cmocka_unit_test(grow_older_by_copying),
        cmocka_unit_test(grow_past_the_block),
    };
    return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
