// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: watermark/1 needs an image.
// expect: missing_parameter
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("watermark/1/gravity/center"); }
