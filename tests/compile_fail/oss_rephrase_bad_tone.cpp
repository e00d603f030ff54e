// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: doc/rephrase tone is enumerated (issue 12).
// expect: invalid_enum_value
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("doc/rephrase,tone_angry,content_5ZubYQ"); }
