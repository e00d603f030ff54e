// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: AIGCMetadata needs Label.
// expect: missing_parameter
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/AIGCMetadata/ProduceID/UHJvZHVjZUlE"); }
