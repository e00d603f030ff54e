// SPDX-License-Identifier: MIT
// The _ci literal checks at compile time too.
// expect: value_out_of_range
#include "objproc/cos/rule.hpp"

int main() {
  using namespace objproc::literals;
  constexpr auto rule = "imageMogr2/rotate/400"_ci;
  return static_cast<int>(rule.view().size());
}
