// SPDX-License-Identifier: MIT
// objproc/literals.hpp - the cheap header for checking styles and rules: the OSS and CI
// grammars and their compile-time checked literals, nothing else.
//
//   #include <objproc/literals.hpp>
//   using namespace objproc::literals;
//   constexpr objproc::oss::style_string s = "image/resize,w_100"_oss;     // checked here
//   constexpr objproc::cos::rule_string r = "imageMogr2/thumbnail/!50p"_ci;
//
// Also parse_style / parse_rule (compile time or run time), runtime_style / runtime_rule,
// unchecked_style / unchecked_rule and render_diagnostic. No builders, signing, HTTP or client:
// a program that only checks its processing strings pays about 2x <string> to include this,
// against about 8-12x for <objproc/objproc.hpp> (bench/compile_cost.sh prints both). The literals
// are the same types the operations take, so a file that includes this one and another that
// includes the umbrella can exchange them.
#ifndef OBJPROC_LITERALS_HPP
#define OBJPROC_LITERALS_HPP

#include "objproc/cos/rule.hpp"
#include "objproc/oss/style.hpp"

#endif  // OBJPROC_LITERALS_HPP
