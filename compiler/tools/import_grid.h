/*
 * import_grid.h — `rubricc import GRID.csv [-o FILE.rubric]`: a
 * spreadsheet grid (one row per criterion, one column per grade, optional
 * Section, ID and Criterion columns) turned into rubric source that
 * compiles, with a report of everything the importer had to guess.
 */
#ifndef IMPORT_GRID_H
#define IMPORT_GRID_H

/* The whole subcommand; argv[0] is "import". Returns the exit status:
 * 0 written, 1 the grid has errors or a file cannot be read or written
 * (nothing is written then), 2 bad usage. */
int import_grid_main(int argc, char **argv);

#endif /* IMPORT_GRID_H */
