// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: aq and ab.
// expect: conflicting_parameters
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("audio/convert,f_mp3,aq_5,ab_64000"); }
