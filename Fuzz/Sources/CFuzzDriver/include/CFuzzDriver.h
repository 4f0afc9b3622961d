// libFuzzer's driver, called from each fuzz target's main.swift.
//
// SwiftPM renames an executable's entry point (`<module>_main`, aliased to `main` at link time),
// so libFuzzer's own `main` is never used; the targets call its driver themselves.
#ifndef VTJDROP_CFUZZDRIVER_H
#define VTJDROP_CFUZZDRIVER_H

#include <stddef.h>
#include <stdint.h>

typedef int (*vfz_test_one_input)(const uint8_t *data, size_t size);

/// Runs libFuzzer with the process arguments and the target's callback; returns its exit code.
int vfz_run(int argc, char **argv, vfz_test_one_input callback);

#endif
