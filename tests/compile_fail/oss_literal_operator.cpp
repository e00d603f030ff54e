// SPDX-License-Identifier: MIT
// The _oss literal checks at compile time too.
// expect: value_out_of_range
#include "objproc/oss/style.hpp"

int main() {
  using namespace objproc::literals;
  constexpr auto style = "image/resize,w_0"_oss;
  return static_cast<int>(style.view().size());
}
