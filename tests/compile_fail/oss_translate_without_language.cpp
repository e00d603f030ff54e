// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: doc/translate needs language_ (issue 12).
// expect: missing_parameter
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("doc/translate,content_5ZubYQ"); }
