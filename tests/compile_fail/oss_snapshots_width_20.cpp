// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: video/snapshots w is 32-4096 (issue 12).
// expect: value_out_of_range
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("video/snapshots,w_20"); }
