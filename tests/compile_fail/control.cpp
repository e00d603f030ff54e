// SPDX-License-Identifier: MIT
// The control: the correct uses the other snippets get wrong. It must compile, so a harness
// that rejects everything cannot pass.
#include "archetypes/crypto_provider.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/result.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/crypto/portable.hpp"

template <objproc::fixed_string S>
struct named {};

constexpr int value_of_success = objproc::result<int>(42).value();
static_assert(value_of_success == 42);

int main() {
  objproc::result<int> r = 1;
  named<"abc"> n;
  (void)n;
  const objproc::fixed_string<3> s = "abc";
  auto digest = objproc::crypto::sha256(objproc::crypto::portable{}, objproc::as_bytes("abc"));
  auto archetype = objproc::crypto::sha256(archetypes::crypto_provider{0}, objproc::as_bytes(""));
  return (r.has_value() && s.size() == 3 && digest.has_value() && !archetype.has_value()) ? 0 : 1;
}

// The correct forms of the OSS snippets.
#include "objproc/oss/directives.hpp"
#include "objproc/oss/image.hpp"
#include "objproc/oss/style.hpp"

void use_style(objproc::oss::style_string style);

void oss_controls() {
  using namespace objproc::literals;
  use_style("image/resize,w_100,m_fixed,h_100");
  use_style("image/resize,w_100/auto-orient,1");
  use_style("style/good.name-1_2");
  use_style("video/concat,f_mp4/pre,o_YS5tcDQ");
  // issue 12: the correct forms of the new snippets.
  use_style("doc/translate,language_en_US,content_5ZubYQ");
  use_style("video/snapshots,w_32");
  use_style("image/flip,0");
  use_style("doc/rephrase,tone_friendly,content_5ZubYQ");
  use_style("image/score");
  use_style("image/watermark,image_YQ/watermark,image_Yg/watermark,image_Yw/watermark,text_ZA");
  use_style("image/resize,w_1|sys/saveas,o_Pz8_");  // "???": URL-safe base64
  static_assert(objproc::oss::unchecked_style("image/facesx,w_1")->is_unchecked());
  constexpr auto literal = "image/resize,w_1"_oss;
  constexpr auto built = objproc::oss::image::resize{.w = 1}.str();
  static_assert(literal.get() == built);
  const auto composed = objproc::oss::image::info{} / objproc::oss::image::average_hue{};
  (void)composed;
}

// The correct forms of the CI snippets.
#include "objproc/cos/rule.hpp"

void use_rule(objproc::cos::rule_string rule);

void ci_controls() {
  using namespace objproc::literals;
  use_rule("imageMogr2/thumbnail/!50p");
  use_rule("imageMogr2/crop/300x400/gravity/center");
  use_rule("imageView2/1/w/100");
  use_rule("watermark/1/image/aHR0cDovL2EuY29tL3guanBn/batch/1/degree/45");
  use_rule("imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|"
           "imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|"
           "imageMogr2/rotate/90|imageMogr2/rotate/90");
  constexpr auto literal = "imageMogr2/rotate/360"_ci;
  static_assert(literal.get().rules() == 1);
  // The issue-12 vocabulary (ci_qrcode_*, ci_format_svgx, ci_blind_version_*, ...).
  use_rule("QRcode/cover/1");
  use_rule("QRcode/cover/0/segment/1/size/1000");
  use_rule("imageMogr2/format/svgc");
  use_rule("watermark/3/type/3/text/dA/version/3.0");
  use_rule("watermark/3/type/2/image/aHR0cDovL2EuY29tL3guanBn/version/2.0");
  use_rule("imageInfo");
  use_rule("imageSlim");
  use_rule("imageMogr2/thumbnail/10000x");
  use_rule("imageMogr2/AIGCMetadata/Label/bGFiZWw/ProduceID/UHJvZHVjZUlE");
  use_rule("imageMogr2/strip/");
}
