/* emit_c.c — placeholder until the C emitter lands (being written). */
#include "emit.h"
int emit_c_header(const ir_rubric *rubric, FILE *out) { (void)rubric; (void)out; return -1; }
int emit_c_source(const ir_rubric *rubric, FILE *out) { (void)rubric; (void)out; return -1; }
size_t emit_c_symbol(const char *rubric_id, char *buffer, size_t size) { (void)rubric_id; if (size) buffer[0] = 0; return 0; }
