// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: no such thumbnail form.
// expect: invalid_dimensions
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/thumbnail/!50q"); }
