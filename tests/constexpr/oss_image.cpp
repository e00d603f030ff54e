// SPDX-License-Identifier: MIT
// Every OSS image builder's canonical text, checked at compile time (and at run time in the
// runtime twin of this executable).
#include <catch2/catch.hpp>

#include <string_view>

#include "objproc/oss/directives.hpp"
#include "objproc/oss/image.hpp"

namespace oss = objproc::oss;
namespace image = objproc::oss::image;
using namespace std::string_view_literals;

TEST_CASE("image builders render canonical text", "[constexpr][oss][image]") {
  STATIC_REQUIRE(image::resize{.m = oss::resize_mode::fixed, .w = 100, .h = 100}.str() ==
                 "image/resize,m_fixed,w_100,h_100"sv);
  STATIC_REQUIRE(
      image::resize{.m = oss::resize_mode::pad, .w = 100, .h = 100, .color = 0xFF0000}.str() ==
      "image/resize,m_pad,w_100,h_100,color_FF0000"sv);
  STATIC_REQUIRE(image::resize{.w = 500, .limit = false}.str() == "image/resize,w_500,limit_0"sv);
  STATIC_REQUIRE(image::resize{.p = 50}.str() == "image/resize,p_50"sv);
  STATIC_REQUIRE(
      image::crop{.w = 200, .h = 200, .x = 10, .y = 10, .g = oss::crop_gravity::se}.str() ==
      "image/crop,w_200,h_200,x_10,y_10,g_se"sv);
  STATIC_REQUIRE(image::crop{.g = oss::crop_gravity::automatic}.str() == "image/crop,g_auto"sv);
  STATIC_REQUIRE(image::indexcrop{.y = 100, .i = 10}.str() == "image/indexcrop,y_100,i_10"sv);
  STATIC_REQUIRE(image::circle{.r = 100}.str() == "image/circle,r_100"sv);
  STATIC_REQUIRE(image::rounded_corners{.r = 10}.str() == "image/rounded-corners,r_10"sv);
  STATIC_REQUIRE(image::rotate{.degrees = 90}.str() == "image/rotate,90"sv);
  STATIC_REQUIRE(image::auto_orient{.apply = true}.str() == "image/auto-orient,1"sv);
  STATIC_REQUIRE(image::flip{.mode = 0}.str() == "image/flip,0"sv);  // the documented value
  STATIC_REQUIRE(image::blur{.r = 3, .s = 2}.str() == "image/blur,r_3,s_2"sv);
  STATIC_REQUIRE(image::bright{.value = -50}.str() == "image/bright,-50"sv);
  STATIC_REQUIRE(image::contrast{.value = 50}.str() == "image/contrast,50"sv);
  STATIC_REQUIRE(image::sharpen{.value = 100}.str() == "image/sharpen,100"sv);
  STATIC_REQUIRE(image::format{.type = oss::image_format::avif}.str() == "image/format,avif"sv);
  STATIC_REQUIRE(image::quality{.Q = 80}.str() == "image/quality,Q_80"sv);
  STATIC_REQUIRE(image::quality{.q = 90}.str() == "image/quality,q_90"sv);
  STATIC_REQUIRE(image::interlace{.progressive = true}.str() == "image/interlace,1"sv);
  STATIC_REQUIRE(image::info{}.str() == "image/info"sv);
  STATIC_REQUIRE(image::average_hue{}.str() == "image/average-hue"sv);
  STATIC_REQUIRE(
      image::blindwatermark{.content = "阿里云版权所有", .s = oss::blind_strength::low, .q = 90}
          .str() == "image/blindwatermark,content_6Zi_6YeM5LqR54mI5p2D5omA5pyJ,s_low,q_90"sv);
  STATIC_REQUIRE(image::deblindwatermark{.s = oss::blind_strength::low}.str() ==
                 "image/deblindwatermark,s_low,t_text"sv);
}

TEST_CASE("watermark builders encode their text parameters", "[constexpr][oss][image]") {
  // style-spec §10: the text watermark and the image watermark with its own pre-process.
  STATIC_REQUIRE(image::watermark{.t = 100,
                                  .g = oss::gravity::se,
                                  .x = 10,
                                  .y = 10,
                                  .text = "Hello World",
                                  .font = "wqy-zenhei",
                                  .color = 0xFFFFFF,
                                  .size = 30,
                                  .shadow = 50}
                     .str() ==
                 "image/watermark,t_100,g_se,x_10,y_10,text_SGVsbG8gV29ybGQ,type_d3F5LXplbmhlaQ,"
                 "color_FFFFFF,size_30,shadow_50"sv);
  STATIC_REQUIRE(image::watermark{.t = 90,
                                  .g = oss::gravity::se,
                                  .x = 10,
                                  .y = 10,
                                  .image = "panda.png",
                                  .image_process = "image/resize,P_30"}
                     .str() ==
                 "image/watermark,t_90,g_se,x_10,y_10,"
                 "image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA"sv);
  STATIC_REQUIRE(image::watermark{.text = "Hello 图片服务!"}.str() ==
                 "image/watermark,text_SGVsbG8g5Zu-54mH5pyN5YqhIQ"sv);
  // A ',', '/' or '|' in the text cannot break out of its parameter: it is encoded.
  STATIC_REQUIRE(image::watermark{.text = "a,b/c|sys/saveas"}.str() ==
                 "image/watermark,text_YSxiL2N8c3lzL3NhdmVhcw"sv);
}

TEST_CASE("builders compose with '/' and directives with '|'", "[constexpr][oss][image]") {
  STATIC_REQUIRE((image::resize{.w = 300} / image::format{.type = oss::image_format::webp}) ==
                 "image/resize,w_300/format,webp"sv);
  STATIC_REQUIRE((image::crop{.w = 100, .h = 100} / image::rounded_corners{.r = 10} /
                  image::format{.type = oss::image_format::png}) ==
                 "image/crop,w_100,h_100/rounded-corners,r_10/format,png"sv);
  // The seed: resize and save to another bucket (operations.json).
  STATIC_REQUIRE((image::resize{.m = oss::resize_mode::fixed, .w = 100, .h = 100} |
                  oss::save_as{.bucket = "targetbucket", .key = "exampledir/resized.jpg"}) ==
                 "image/resize,m_fixed,w_100,h_100|sys/saveas,o_ZXhhbXBsZWRpci9yZXNpemVkLmpwZw,"
                 "b_dGFyZ2V0YnVja2V0"sv);
  STATIC_REQUIRE((image::resize{.w = 300} / image::format{.type = oss::image_format::webp} |
                  oss::save_as{.key = "out/猫 1.webp"}) ==
                 "image/resize,w_300/format,webp|sys/saveas,o_b3V0L-eMqyAxLndlYnA"sv);
  STATIC_REQUIRE((image::deblindwatermark{.s = oss::blind_strength::low} |
                  oss::notify{.topic = "test-topic"}) ==
                 "image/deblindwatermark,s_low,t_text|sys/notify,topic_dGVzdC10b3BpYw"sv);
}

TEST_CASE("composition in a constant expression (GCC 12 regression)", "[constexpr][oss][image]") {
  // style::service() once used std::string_view::find on a temporary, which GCC 12 refused in
  // constant evaluation.
  constexpr auto s = image::resize{.w = 300}.str() / image::info{};
  STATIC_REQUIRE(s == "image/resize,w_300/info"sv);
  STATIC_REQUIRE(s.service() == "image"sv);
}
