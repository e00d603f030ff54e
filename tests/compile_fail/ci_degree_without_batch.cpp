// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: degree needs batch/1.
// expect: missing_parameter
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("watermark/2/text/dA/degree/45"); }
