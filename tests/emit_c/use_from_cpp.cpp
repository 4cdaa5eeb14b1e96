// use_from_cpp.cpp — proves a generated header works from C++.
//
// The C emitter's test (tests/emit_c/run.sh) compiles this with a C++
// compiler, the rubric's generated header named on the command line
// (-DRUBRIC_HEADER='"ID.h"' -DRUBRIC_SYMBOL=rubric_table_ID), and links it with
// the tables compiled as C: the link only succeeds when the header declares
// the symbol extern "C". The program prints the rubric's id and sizes.
#include <cstdio>

#include RUBRIC_HEADER

int main()
{
    const rubric_model &model = RUBRIC_SYMBOL;
    std::printf("%s: %u levels, %u sections, %u criteria\n", model.id, model.level_count,
                model.section_count, model.criterion_count);
    return model.format_version == RUBRIC_FORMAT_VERSION ? 0 : 1;
}
