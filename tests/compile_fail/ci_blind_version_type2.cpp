// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: a type 2 blind watermark has no version 3.0.
// expect: conflicting_parameters
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("watermark/3/type/2/image/aHR0cDovL2EuY29tL3guanBn/version/3.0"); }
