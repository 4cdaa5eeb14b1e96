# bench.mk — `make bench`: the benchmarks. Included by the Makefile.
