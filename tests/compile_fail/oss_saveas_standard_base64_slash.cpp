// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: a standard base64 '/' split sys/saveas o_ (issue 12).
// expect: invalid_base64_value
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,w_1|sys/saveas,o_abc/def"); }
