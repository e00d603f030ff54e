// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: style-spec §10: '!' in a name.
// expect: invalid_style_name
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("style/bad!name"); }
