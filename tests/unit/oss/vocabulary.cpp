// SPDX-License-Identifier: MIT
// Tests the OSS vocabulary of issue 12 (oss/spec.hpp): the image AI and smart-document
// operations, the published video/snapshots table, the sources of every row, the standard-base64
// seeds, and oss::unchecked_style (oss/style.hpp) through every later parse of a style.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "objproc/core/diagnostic.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/oss/directives.hpp"
#include "objproc/oss/image.hpp"
#include "objproc/oss/operations.hpp"
#include "objproc/oss/spec.hpp"
#include "objproc/oss/style.hpp"

namespace oss = objproc::oss;
using objproc::errc;
using oss::carrier;

namespace {
void require_error(std::string_view text, errc code, std::size_t offset,
                   carrier where = carrier::any, std::string_view detail = {}) {
  INFO(text);
  const auto s = oss::parse_style(text, where);
  REQUIRE_FALSE(s.has_value());
  INFO(objproc::render_diagnostic(text, s.error()));
  CHECK(s.error().code == code);
  CHECK(s.error().offset == offset);
  if (!detail.empty()) CHECK(s.error().detail == detail);
}
void require_ok(std::string_view text, carrier where = carrier::any) {
  INFO(text);
  const auto s = oss::parse_style(text, where);
  if (!s) INFO(objproc::render_diagnostic(text, s.error()));
  REQUIRE(s.has_value());
  CHECK(s->view() == text);
}
void require_unchecked_error(std::string_view text, errc code, std::size_t offset,
                             carrier where = carrier::any) {
  INFO(text);
  const auto s = oss::unchecked_style(text, where);
  REQUIRE_FALSE(s.has_value());
  CHECK(s.error().code == code);
  CHECK(s.error().offset == offset);
}
const oss::credentials keys{.access_key_id = "LTAI5tExampleAK",
                            .access_key_secret = "ExampleSecretKey123",
                            .security_token = ""};
const std::chrono::sys_seconds when{std::chrono::seconds{1795248000}};
oss::endpoint hangzhou() { return oss::endpoint::for_region("cn-hangzhou").value(); }
}  // namespace

TEST_CASE("every operation row names its source", "[oss][spec]") {
  for (const auto& op : oss::spec::operations) {
    INFO(op.service << "/" << op.name);
    CHECK_FALSE(op.source_ref.empty());
  }
  const auto& faces = oss::spec::operations[oss::spec::find_operation("image", "faces")];
  CHECK(faces.source == oss::confidence::documented);
  CHECK(faces.source_ref == "Face detection");
  const auto& edit = oss::spec::operations[oss::spec::find_operation("doc", "edit")];
  CHECK(edit.source == oss::confidence::third_party);
}

TEST_CASE("the lookups find every row of the table by its name", "[oss][spec]") {
  // They compare name codes first (core/scan.hpp): every row must still be found as itself.
  namespace spec = oss::spec;
  for (std::size_t i = 0; i < std::size(spec::operations); ++i) {
    const auto& op = spec::operations[i];
    INFO(op.service << "/" << op.name);
    CHECK(spec::find_operation(op.service, op.name) == i);
    for (std::size_t row = 0; row < op.params.size(); ++row) {
      INFO(op.params[row].key);
      CHECK(spec::find_param(i, op.params[row].key) == row);
    }
    CHECK(spec::find_param(i, "no-such-key") == spec::not_found);
  }
  CHECK(spec::find_operation("image", "no-such-op") == spec::not_found);
  CHECK(spec::find_operation("audio", "resize") == spec::not_found);  // another service's name
}

TEST_CASE("image intelligence: six operations without parameters", "[oss][spec][image]") {
  for (const char* text : {"image/faces", "image/bodies", "image/cars", "image/codes",
                           "image/labels", "image/score"}) {
    require_ok(text, carrier::get_url);
    require_ok(text, carrier::sync_process);
    require_error(std::string(text) + ",threshold_0.5", errc::unexpected_value,
                  std::string_view(text).size());
    require_error(text, errc::sync_only_operation, 6, carrier::async_process);
  }
  require_error("image/facesx,w_1", errc::unknown_operation, 6);
  require_error("image/score/resize,w_1,x_1", errc::unknown_parameter, 23);
}

TEST_CASE("smart documents: POST ProcessObject only, content and format", "[oss][spec][doc]") {
  const std::string content = "5Zub5pyI5Lqu";  // "四月亮"
  CHECK(oss::parse_style("doc/translate,language_en_US,content_" + content + "==",
                         carrier::sync_process)
            .error()
            .code == errc::invalid_base64_value);  // 12 characters take no padding
  require_ok("doc/translate,language_en_US,content_" + content, carrier::sync_process);
  require_ok("doc/translate,language_zh_CN,content_" + content + ",format_event-stream",
             carrier::sync_process);
  CHECK(oss::parse_style("doc/polish,content_5Zub5pyI5Lq=", carrier::sync_process).error().code ==
        errc::invalid_base64_value);
  CHECK(oss::parse_style("doc/polish,content_5Zub5pyI", carrier::sync_process).value().view() ==
        "doc/polish,content_5Zub5pyI");
  // "四a": the documented '==' padding is accepted and dropped (docs/vocabulary/oss.md).
  CHECK(oss::parse_style("doc/polish,content_5ZubYQ==", carrier::sync_process).value().view() ==
        "doc/polish,content_5ZubYQ");
  require_ok("doc/summarize,content_" + content + ",format_json", carrier::sync_process);
  require_ok("doc/continue,content_" + content + ",history_W10", carrier::sync_process);
  require_ok("doc/enrich,content_" + content, carrier::sync_process);
  require_ok("doc/rephrase,tone_straightforward,content_" + content, carrier::sync_process);
  // Required and enumerated parameters.
  require_error("doc/translate,content_" + content, errc::missing_parameter, 4,
                carrier::sync_process, "language");
  require_error("doc/translate,language_de_DE,content_" + content, errc::invalid_enum_value, 23);
  require_error("doc/rephrase,content_" + content, errc::missing_parameter, 4,
                carrier::sync_process, "tone");
  require_error("doc/rephrase,tone_angry,content_" + content, errc::invalid_enum_value, 18);
  require_error("doc/polish,format_json", errc::missing_parameter, 4);  // content
  require_error("doc/polish,content_" + content + ",format_xml", errc::invalid_enum_value, 39);
  // Carriers: not in a GET URL, not asynchronous.
  require_error("doc/polish,content_" + content, errc::misplaced_operation, 4, carrier::get_url);
  require_error("doc/polish,content_" + content, errc::sync_only_operation, 4,
                carrier::async_process);
  // At most 19,500 decoded bytes (needs a larger style than the default capacity to hold).
  const std::string at_limit(26000, 'A');  // decodes to 19,500 NUL bytes: valid UTF-8
  const std::string over = at_limit + "AAAA";
  objproc::detail::text_writer count{nullptr, 1 << 16, 0};
  CHECK(oss::detail::parse_process("doc/polish,content_" + at_limit, count,
                                   {carrier::sync_process, false, false})
            .has_value());
  const auto too_long = oss::detail::parse_process("doc/polish,content_" + over, count,
                                                   {carrier::sync_process, false, false});
  REQUIRE_FALSE(too_long.has_value());
  CHECK(too_long.error().code == errc::text_too_long);
}

TEST_CASE("video/snapshots follows its published table", "[oss][spec][video]") {
  const auto async = carrier::async_process;
  const std::string saved = "|sys/saveas,o_YQ";
  require_ok("video/snapshots,ss_1000,f_png,num_10,inter_2000,w_32,h_4096,scaletype_fit" + saved,
             async);
  require_ok("video/snapshots,f_jpg,pw_50,ph_200,scaletype_stretch" + saved, async);
  require_error("video/snapshots,f_jpg,w_20", errc::value_out_of_range, 24);
  require_error("video/snapshots,f_jpg,h_4097", errc::value_out_of_range, 24);
  require_error("video/snapshots,pw_0", errc::value_out_of_range, 19);
  require_error("video/snapshots,ph_201", errc::value_out_of_range, 19);
  require_error("video/snapshots,scaletype_zoom", errc::invalid_enum_value, 26);
  require_error("video/snapshots,m_fast", errc::unknown_parameter, 16);  // not in the table
  require_error("video/snapshots,thr_10", errc::unknown_parameter, 16);
}

TEST_CASE("other rows of issue 12: flip, blur, snapshot, sprite, hls, doc", "[oss][spec]") {
  require_ok("image/flip,0");
  require_error("image/flip,1", errc::invalid_enum_value, 11);
  require_ok("image/blur,g_face,p_50,r_25,s_50", carrier::get_url);
  require_ok("image/blur,r_3,s_2,g_faces");
  require_error("image/blur,g_face,p_1000,r_25,s_50", errc::value_out_of_range, 20);
  require_error("image/blur,r_3,s_2,p_50", errc::missing_parameter, 19);  // p needs g
  require_error("image/blur,r_3,s_2,g_body", errc::invalid_enum_value, 21);
  require_ok("video/snapshot,t_3000,f_jpg,l_800,s_600");
  require_error("video/snapshot,t_3000,f_jpg,l_-800,s_600", errc::value_out_of_range, 30);
  require_ok("video/sprite,f_jpg,psw_50,psh_50|sys/saveas,o_YQ", carrier::async_process);
  require_error("video/sprite,f_jpg,sw_31", errc::value_out_of_range, 22);
  require_ok("hls/m3u8,ss_0,t_60000", carrier::get_url);
  require_ok("hls/sign", carrier::get_url);
  require_error("hls/sign", errc::misplaced_operation, 4, carrier::sync_process);
  require_ok("doc/snapshot");
  require_error("doc/snapshot,page_2001", errc::value_out_of_range, 18);
  require_ok("doc/edit", carrier::get_url);
  require_error("doc/edit,x_1", errc::unknown_parameter, 9);
}

TEST_CASE("watermarks: at most three images; the FAQ's repeated t_ is kept", "[oss][spec]") {
  const std::string three =
      "image/watermark,image_cGFuZGEucG5n/watermark,image_cGFuZGEyLnBuZw/"
      "watermark,image_cGFuZGEzLnBuZw";
  require_ok(three);
  require_ok(three + "/watermark,text_SGk");  // text watermarks do not count
  require_error(three + "/watermark,image_cGFuZGE0LnBuZw", errc::too_many_rules, three.size() + 1);
  // The FAQ "图片水印合成出现黑线": t_ twice. Accepted and kept as written, in order: which one
  // the service applies is not documented, so the library does not choose.
  const std::string faq =
      "image/resize,w_300/watermark,image_cGFuZGEucG5nP3gtb3NzLXByb2Nlc3M9aW1hZ2UvcmVzaXplLFBfMzA,"
      "t_90,g_se,x_10,y_10,t_50";
  require_ok(faq);
  require_error("image/watermark,text_SGk,t_90,t_101", errc::value_out_of_range, 32);
  require_error("image/watermark,text_SGk,g_se,g_nw", errc::duplicate_parameter, 30);
}

TEST_CASE("the seeds: standard base64 says what to do, at the offending byte",
          "[oss][style][base64]") {
  constexpr std::string_view plus =
      "standard base64: use URL-safe base64 ('-' for '+', '_' for '/')";
  // Python's base64.b64encode(b"\xfb\xff") == b"+/8=": both characters of standard base64.
  require_error("image/resize,w_1|sys/saveas,o_YQ+/", errc::invalid_base64_value, 32, carrier::any,
                plus);
  require_error("image/resize,w_1|sys/saveas,o_YQ,b_dGVz+A", errc::invalid_base64_value, 39,
                carrier::any, plus);
  require_error("image/watermark,text_SGV+bG8", errc::invalid_base64_value, 24, carrier::any, plus);
  // A '/' splits the text: inside saveas it is named for what it is.
  require_error("image/resize,w_1|sys/saveas,o_abc/def", errc::invalid_base64_value, 33,
                carrier::any, "standard base64 '/' in o_: use URL-safe base64 ('_' for '/')");
  require_error("image/resize,w_1|sys/saveas,o_YQ,b_YWJj/ZGVm", errc::invalid_base64_value, 39,
                carrier::any, "standard base64 '/' in b_: use URL-safe base64 ('_' for '/')");
  require_error("image/resize,w_1|sys/saveas,o_/abc", errc::invalid_base64_value, 30);
  require_error("image/resize,w_1|sys/saveas,o_YQ+c/def", errc::invalid_base64_value, 32,
                carrier::any, plus);  // the first offending byte
  require_error("doc/convert,target_png|sys/notify,topic_dA/x", errc::invalid_base64_value, 42,
                carrier::any, "standard base64 '/' in topic_: use URL-safe base64 ('_' for '/')");
  require_error("image/watermark,text_SGVs/bG8", errc::invalid_base64_value, 25);
  require_error("image/watermark,text_SGVs/bG8,t_90", errc::invalid_base64_value, 25);
  // A misspelt operation after a base64 value stays a misspelt operation.
  require_error("image/watermark,text_SGk/resizex,w_1", errc::unknown_operation, 25);
  // Padded URL-safe base64 stays accepted.
  CHECK(oss::parse_style("image/resize,w_1|sys/saveas,o_YQ==,b_dGVzdA==")->view() ==
        "image/resize,w_1|sys/saveas,o_YQ,b_dGVzdA");
  // notify without its topic names the topic.
  require_error("doc/convert,target_png|sys/saveas,o_YQ/notify", errc::missing_parameter, 45,
                carrier::any, "topic");
  require_error("doc/convert,target_png|sys/saveas,o_YQ/notify,", errc::missing_parameter, 46,
                carrier::any, "topic");
  require_error("doc/convert,target_png|sys/notify", errc::missing_parameter, 33, carrier::any,
                "topic");
  require_error("image/resize,w_1|sys/saveas", errc::missing_parameter, 27, carrier::any, "o");
}

TEST_CASE("unchecked_style: the grammar without the vocabulary", "[oss][style][unchecked]") {
  // Unknown operations and parameters pass verbatim; strict refuses them.
  CHECK(oss::parse_style("image/facesx,w_1").error().code == errc::unknown_operation);
  const auto u = oss::unchecked_style("image/facesx,w_1").value();
  CHECK(u.view() == "image/facesx,w_1");
  CHECK(u.is_unchecked());
  CHECK_FALSE(oss::parse_style("image/faces").value().is_unchecked());
  CHECK(oss::unchecked_style("image/flip,1")->view() == "image/flip,1");
  CHECK(oss::unchecked_style("doc/edit,readonly_1,x_A-b.c~")->view() ==
        "doc/edit,readonly_1,x_A-b.c~");
  CHECK(oss::unchecked_style("newservice/op-1,v")->service() == "newservice");
  // Vocabulary not applied: ranges, carriers of known operations.
  CHECK(oss::unchecked_style("image/resize,w_0")->view() == "image/resize,w_0");
  CHECK(oss::unchecked_style("video/convert,f_mp4", carrier::get_url).has_value());
  // The structure is enforced.
  require_unchecked_error("image/resize,w_1\r\n", errc::invalid_character, 16);
  require_unchecked_error("image/resize,w_\n1", errc::invalid_character, 15);
  require_unchecked_error("image/resize,,w_1", errc::missing_value, 13);
  require_unchecked_error("image/resize,w_1,", errc::missing_value, 17);
  require_unchecked_error("image//x", errc::empty_operation, 6);
  require_unchecked_error("image/", errc::empty_operation, 6);
  require_unchecked_error("image", errc::empty_operation, 5);
  require_unchecked_error("/resize", errc::unknown_service, 0);
  require_unchecked_error("Image/resize", errc::invalid_character, 0);
  require_unchecked_error("image/Resize", errc::invalid_character, 6);
  require_unchecked_error("image/resize,w 1", errc::invalid_character, 14);
  require_unchecked_error("image/resize,w_\xc3\xa9", errc::invalid_character, 15);
  require_unchecked_error("", errc::empty_style, 0);
  require_unchecked_error("image/x|sys/saveas,o_YQ|sys/notify,topic_dA", errc::invalid_system_part,
                          23);
  // sys/saveas and notify exactly as strict, with their placement rules.
  require_unchecked_error("image/x|sys/saveas,o_YQ", oss::saveas_not_allowed, 8, carrier::get_url);
  require_unchecked_error("image/x|sys/notify,topic_dA", oss::notify_not_allowed, 8,
                          carrier::sync_process);
  require_unchecked_error("image/x|sys/saveas,o_L2Ficw", errc::invalid_object_key, 21);
  require_unchecked_error("image/x|sys/saveas,o_YQ,b_QkFE", errc::invalid_bucket_name, 26);
  require_unchecked_error("image/x|sys/saveas,o_abc/def", errc::invalid_base64_value, 24);
  require_unchecked_error("image/x|sys/saveas,o_YQ+", errc::invalid_base64_value, 23);
  CHECK(oss::unchecked_style("image/x|sys/saveas,b_dGVzdA==,o_YQ", carrier::sync_process)->view() ==
        "image/x|sys/saveas,o_YQ,b_dGVzdA");
  CHECK(oss::unchecked_style("style/a_b.c|sys/saveas,o_YQ")->is_reference());
}

TEST_CASE("an unchecked style stays unchecked in every later parse", "[oss][style][unchecked]") {
  const auto u = oss::unchecked_style("image/facesx,w_1").value();
  // check_carrier: unchecked, so the unknown operation passes; saveas still not in a GET URL.
  CHECK(oss::check_carrier(u, carrier::get_url).has_value());
  CHECK(oss::check_carrier(u, carrier::async_process).has_value());
  // Directives append in unchecked mode, and keep the flag.
  const auto saved = u | oss::save_as{.bucket = "target", .key = "out.jpg"};
  REQUIRE_FALSE(saved.has_error());
  CHECK(saved.is_unchecked());
  CHECK(saved.view() == "image/facesx,w_1|sys/saveas,o_b3V0LmpwZw,b_dGFyZ2V0");
  CHECK(oss::check_carrier(saved, carrier::get_url).error().code == oss::saveas_not_allowed);
  CHECK((u | oss::notify{.topic = "t"}).is_unchecked());
  // Builders append in unchecked mode.
  const auto chained = u / oss::image::resize{.w = 100};
  REQUIRE_FALSE(chained.has_error());
  CHECK(chained.is_unchecked());
  CHECK(chained.view() == "image/facesx,w_1/resize,w_100");
  // A strict style stays strict: the same composition from a strict start fails.
  const auto strict = oss::parse_style("image/faces").value();
  CHECK_FALSE((strict / oss::image::resize{.w = 100}).is_unchecked());
  // Equal text, different modes: not the same style.
  CHECK(oss::unchecked_style("image/faces").value() != strict);
  // The operations parse it unchecked: ProcessObject and the presigned GET.
  const oss::process_object post{.bucket = "examplebucket", .key = "a.jpg", .process = saved};
  CHECK(post.prepare(hangzhou()).has_value());
  const auto url =
      oss::presign(oss::presign_get{.bucket = "examplebucket", .key = "a.jpg", .process = u},
                   hangzhou(), keys, when, objproc::crypto::portable{});
  REQUIRE(url.has_value());
  CHECK(url->find("x-oss-process=image%2Ffacesx%2Cw_1") != std::string::npos);
  // sys/saveas never in a GET URL: via presign of oss::presign_get, too.
  CHECK(oss::presign(oss::presign_get{.bucket = "examplebucket", .key = "a.jpg", .process = saved},
                     hangzhou(), keys, when, objproc::crypto::portable{})
            .error()
            .code == oss::saveas_not_allowed);
  // notify only asynchronous.
  const auto notified = u | oss::notify{.topic = "t"};
  CHECK(oss::process_object{.bucket = "examplebucket", .key = "a.jpg", .process = notified}
            .prepare(hangzhou())
            .error()
            .code == oss::notify_not_allowed);
  CHECK(oss::async_process_object{.bucket = "examplebucket", .key = "a.jpg", .process = notified}
            .prepare(hangzhou())
            .has_value());
}

TEST_CASE("strict stays the default, literals included", "[oss][style][unchecked]") {
  using namespace objproc::literals;
  constexpr oss::style_string literal = "image/faces"_oss;
  STATIC_REQUIRE_FALSE(literal.get().is_unchecked());
  STATIC_REQUIRE(oss::unchecked_style("image/facesx,w_1")->is_unchecked());
  STATIC_REQUIRE(oss::unchecked_style("image/facesx,w_1")->view() == "image/facesx,w_1");
}
