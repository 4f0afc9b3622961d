#include "CFuzzDriver.h"

// Provided by libclang_rt.fuzzer (linked by -sanitize=fuzzer).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int vfz_run(int argc, char **argv, vfz_test_one_input callback) {
    return LLVMFuzzerRunDriver(&argc, &argv, callback);
}
