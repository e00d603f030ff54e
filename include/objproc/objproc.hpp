// SPDX-License-Identifier: MIT
// objproc/objproc.hpp - the umbrella header: everything but the optional adapters.
//
// objproc builds, checks and signs cloud object-storage data-processing requests. It never does
// I/O: typed values become signed request descriptors that you send with your own HTTP client.
// The layout, by stage of the flow (see docs/architecture.md):
//   core/    result and errors, fixed_string, text codecs (base64, hex, percent), UTC time,
//            caret diagnostics, JSON, the checked-text template the grammars share
//   crypto/  the crypto_provider concept and the built-in constexpr SHA-1/SHA-256/HMAC; MD5
//            for Content-MD5 integrity headers (md5.hpp)
//   oss/     Alibaba Cloud OSS: the process-string grammar and checked literals (style.hpp),
//            typed builders (image, video, audio, doc), sys/saveas and sys/notify (directives),
//            V1 and V4 signatures (sign_v1.hpp, sign_v4.hpp), process_object /
//            async_process_object / presign_get (operations.hpp), results (results.hpp), what
//            the client needs per operation (traits.hpp: result parser, error document,
//            request-id header, task creation, clock skew), what logs hide (credentials.hpp)
//   cos/     Tencent Cloud COS + CI: the rule grammar and checked literals (rule.hpp), typed
//            rule builders (image_mogr2, image_view2, watermark), Pic-Operations JSON, the
//            COS signature (sign.hpp), ci_put_object / ci_image_process / presign_get
//            (operations.hpp), UploadResult and error XML (results.hpp), the per-operation
//            traits for the client (traits.hpp), what logs hide (credentials.hpp)
//   http/    request and response descriptors, header and query fields, the endpoint base
//            (endpoint.hpp), the wire form of a request (wire.hpp), an incremental response reader (response_parser.hpp) and the
//            vendor-neutral redaction contract of the display forms (redaction.hpp)
//   operation_traits.hpp  what the client must know about an operation, which each vendor
//            declares for its own (oss/traits.hpp, cos/traits.hpp); client.hpp uses only that
//   signer.hpp  the signer contract (request_signer) that oss/signer.hpp and cos/signer.hpp model
// <objproc/literals.hpp> alone is the cheap include for checked literals and the parsers.
// Not included here: <objproc/coro.hpp> (co_await an operation: <coroutine>, <stop_token>).
// Adapters (separate targets, include them yourself):
//   <objproc/adapters/openssl.hpp>   objproc::openssl::crypto   (target objproc::openssl)
#ifndef OBJPROC_OBJPROC_HPP
#define OBJPROC_OBJPROC_HPP

#include "objproc/client.hpp"
#include "objproc/client_options.hpp"
#include "objproc/config.hpp"
#include "objproc/core/checked_text.hpp"
#include "objproc/core/chrono.hpp"
#include "objproc/core/diagnostic.hpp"
#include "objproc/core/fixed_string.hpp"
#include "objproc/core/json.hpp"
#include "objproc/core/render.hpp"
#include "objproc/core/result.hpp"
#include "objproc/core/scan.hpp"
#include "objproc/core/text.hpp"
#include "objproc/core/time.hpp"
#include "objproc/core/xml.hpp"
#include "objproc/cos/builder.hpp"
#include "objproc/cos/credentials.hpp"
#include "objproc/cos/fields.hpp"
#include "objproc/cos/endpoint.hpp"
#include "objproc/cos/image_mogr2.hpp"
#include "objproc/cos/image_view2.hpp"
#include "objproc/cos/names.hpp"
#include "objproc/cos/operations.hpp"
#include "objproc/cos/pic_operations.hpp"
#include "objproc/cos/put_options.hpp"
#include "objproc/cos/results.hpp"
#include "objproc/cos/rule.hpp"
#include "objproc/cos/sign.hpp"
#include "objproc/cos/signer.hpp"
#include "objproc/cos/spec.hpp"
#include "objproc/cos/traits.hpp"
#include "objproc/cos/watermark.hpp"
#include "objproc/credentials.hpp"
#include "objproc/crypto/block_hash.hpp"
#include "objproc/crypto/concepts.hpp"
#include "objproc/crypto/hmac.hpp"
#include "objproc/crypto/md5.hpp"
#include "objproc/crypto/portable.hpp"
#include "objproc/crypto/sha1.hpp"
#include "objproc/crypto/sha256.hpp"
#include "objproc/fwd.hpp"
#include "objproc/http/endpoint.hpp"
#include "objproc/http/fields.hpp"
#include "objproc/http/redaction.hpp"
#include "objproc/http/request.hpp"
#include "objproc/http/response.hpp"
#include "objproc/http/response_parser.hpp"
#include "objproc/http/transport.hpp"
#include "objproc/http/wire.hpp"
#include "objproc/operation_traits.hpp"
#include "objproc/literals.hpp"
#include "objproc/oss/audio.hpp"
#include "objproc/oss/builder.hpp"
#include "objproc/oss/credentials.hpp"
#include "objproc/oss/fields.hpp"
#include "objproc/oss/directives.hpp"
#include "objproc/oss/doc.hpp"
#include "objproc/oss/endpoint.hpp"
#include "objproc/oss/image.hpp"
#include "objproc/oss/key_cache.hpp"
#include "objproc/oss/names.hpp"
#include "objproc/oss/operations.hpp"
#include "objproc/oss/results.hpp"
#include "objproc/oss/sign_v1.hpp"
#include "objproc/oss/sign_v4.hpp"
#include "objproc/oss/signer.hpp"
#include "objproc/oss/spec.hpp"
#include "objproc/oss/style.hpp"
#include "objproc/oss/traits.hpp"
#include "objproc/oss/video.hpp"
#include "objproc/outcome.hpp"
#include "objproc/retry.hpp"
#include "objproc/signer.hpp"
#include "objproc/version.hpp"

#endif  // OBJPROC_OBJPROC_HPP
