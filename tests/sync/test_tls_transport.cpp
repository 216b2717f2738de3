// The sync transport against a network attacker: a hub in this process
// served over TLS (httplib::SSLServer on 127.0.0.1) with a throwaway venue CA
// and certificates made here with OpenSSL's C API, in memory (only the CA's
// PEM is written, into a temporary folder, because sync.ca_file is a path).
// With the venue CA as ca_file a round succeeds; a certificate the kiosk
// cannot verify (unknown CA, another host name, expired, self-signed, another
// CA) fails the round with the reason, acknowledges nothing, and no request,
// so no token, ever reaches the server.
#include "sync_test_support.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace kiosk;
using namespace kiosk::sync;
using kiosk::test::InProcessHub;
using kiosk::test::KioskDb;

namespace {

constexpr const char* kToken = "K-17.s3cret";

struct KeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct CertFree {
    void operator()(X509* cert) const { X509_free(cert); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
using Cert = std::unique_ptr<X509, CertFree>;

Key new_key() {
    Key key(EVP_EC_gen("P-256"));
    REQUIRE(key);
    return key;
}

// What a certificate says; times are seconds from now.
struct CertSpec {
    std::string common_name;
    std::string alt_names; // "IP:127.0.0.1,DNS:localhost"; "" for none
    bool is_ca = false;
    long valid_from_s = -3600;
    long valid_until_s = 30 * 86400;
};

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    REQUIRE(extension);
    const int added = X509_add_ext(cert, extension, -1);
    X509_EXTENSION_free(extension);
    REQUIRE(added == 1);
}

// `spec` for `key`, signed by `issuer` with `issuer_key`, or self-signed when
// `issuer` is null.
Cert make_certificate(const CertSpec& spec, EVP_PKEY* key, X509* issuer, EVP_PKEY* issuer_key,
                      long serial) {
    Cert cert(X509_new());
    REQUIRE(cert);
    X509* x = cert.get();
    REQUIRE(X509_set_version(x, X509_VERSION_3) == 1);
    REQUIRE(ASN1_INTEGER_set(X509_get_serialNumber(x), serial) == 1);
    REQUIRE(X509_gmtime_adj(X509_getm_notBefore(x), spec.valid_from_s));
    REQUIRE(X509_gmtime_adj(X509_getm_notAfter(x), spec.valid_until_s));
    REQUIRE(X509_set_pubkey(x, key) == 1);
    X509_NAME* subject = X509_get_subject_name(x);
    REQUIRE(X509_NAME_add_entry_by_txt(
                subject, "CN", MBSTRING_UTF8,
                reinterpret_cast<const unsigned char*>(spec.common_name.c_str()), -1, -1, 0) == 1);
    REQUIRE(X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : subject) == 1);
    X509* signer = issuer ? issuer : x;
    add_extension(x, signer, NID_basic_constraints,
                  spec.is_ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
    add_extension(x, signer, NID_key_usage,
                  spec.is_ca ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature");
    add_extension(x, signer, NID_subject_key_identifier, "hash");
    if (issuer) add_extension(x, signer, NID_authority_key_identifier, "keyid:always");
    if (!spec.is_ca) add_extension(x, signer, NID_ext_key_usage, "serverAuth");
    if (!spec.alt_names.empty()) add_extension(x, signer, NID_subject_alt_name, spec.alt_names);
    REQUIRE(X509_sign(x, issuer ? issuer_key : key, EVP_sha256()) > 0);
    return cert;
}

std::string pem_of(X509* cert) {
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    REQUIRE(bio);
    REQUIRE(PEM_write_bio_X509(bio.get(), cert) == 1);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    REQUIRE(size > 0);
    return std::string(data, size_t(size));
}

// A certificate authority made for one test, and the hub certificates it
// issues. Its PEM is in a temporary folder, removed with it.
class TestCa {
public:
    explicit TestCa(const std::string& name)
        : cert_(make_certificate({name, "", true}, key_.get(), nullptr, nullptr, 1)),
          pem_file_(folder_.write("ca.pem", pem_of(cert_.get()))) {}

    // A server certificate (with `key`) as `spec` says, signed by this CA.
    Cert issue(const CertSpec& spec, EVP_PKEY* key) {
        return make_certificate(spec, key, cert_.get(), key_.get(), ++serial_);
    }
    const std::string& pem_file() const { return pem_file_; }

private:
    test::TempFolder folder_;
    Key key_ = new_key();
    Cert cert_;
    std::string pem_file_;
    long serial_ = 1;
};

// The certificate a venue's hub at 127.0.0.1 (also reached as localhost) gets.
const CertSpec kHubCert{"kiosk-hub test", "IP:127.0.0.1,DNS:localhost"};

std::unique_ptr<InProcessHub> tls_hub(X509* cert, EVP_PKEY* key) {
    return std::make_unique<InProcessHub>(std::make_unique<httplib::SSLServer>(cert, key), kToken);
}

HttpTransportOptions options_for(const std::string& url, const std::string& ca_file) {
    HttpTransportOptions options;
    options.hub_url = url;
    options.token = kToken;
    options.ca_file = ca_file;
    return options;
}

} // namespace

TEST_CASE("over TLS with the venue's CA as sync.ca_file a round succeeds and synced_seq "
          "advances",
          "[sync][tls]") {
    TestCa venue_ca("Qingshan venue CA");
    Key hub_key = new_key();
    Cert hub_cert = venue_ca.issue(kHubCert, hub_key.get());
    std::unique_ptr<InProcessHub> hub = tls_hub(hub_cert.get(), hub_key.get());
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits", "exhibit/b/visits"});
    const int64_t last = kiosk.commit({"quiz/water-cycle/visits"});

    // The host name as an IP address (the certificate's IP entry) and as a
    // name (its DNS entry).
    const std::string host = GENERATE(as<std::string>{}, "127.0.0.1", "localhost");
    INFO(host);
    std::unique_ptr<SyncClient> client =
        test::http_sync_client(kiosk, options_for(hub->url("https", host), venue_ca.pem_file()));
    const RoundResult round = client->run_round();
    INFO(round.error);
    REQUIRE(round.ok);
    CHECK(hub->bucket_counts() == std::vector<size_t>{2, 1});
    CHECK(test::synced_seq_in_db(kiosk.path) == last);
    // The server does see the requests and their token: the empty request
    // lists of the refusals below are not a recording that never works.
    const std::vector<InProcessHub::SeenRequest> requests = hub->requests();
    REQUIRE(requests.size() == 2);
    for (const InProcessHub::SeenRequest& request : requests) {
        CHECK(request.method == "POST");
        CHECK(request.path == "/api/v1/sync");
        CHECK(request.authorization == std::string("Bearer ") + kToken);
    }
}

TEST_CASE("over TLS a hub certificate the kiosk cannot verify fails the round, acknowledges "
          "nothing and never sends the token",
          "[sync][tls]") {
    TestCa venue_ca("Qingshan venue CA");
    Key hub_key = new_key();
    Cert hub_cert;
    std::string ca_file = venue_ca.pem_file();
    std::string host = "127.0.0.1"; // in the hub URL
    std::string reason;             // what the round's error must say

    SECTION("signed by a CA the system does not trust, and no ca_file") {
        hub_cert = venue_ca.issue(kHubCert, hub_key.get());
        ca_file.clear();
        reason = "the hub's certificate was refused: unable to get local issuer certificate "
                 "(it is not signed by a CA this kiosk trusts; a venue's own CA goes in "
                 "sync.ca_file)";
    }
    SECTION("issued to another host name, the hub reached by its address") {
        hub_cert = venue_ca.issue({"hub.example", "DNS:hub.example"}, hub_key.get());
        reason = "the hub's certificate was refused: IP address mismatch (it is not issued "
                 "to 127.0.0.1)";
    }
    SECTION("issued to another host name, the hub reached by name") {
        hub_cert = venue_ca.issue({"hub.example", "DNS:hub.example"}, hub_key.get());
        host = "localhost";
        reason = "the hub's certificate was refused: hostname mismatch (it is not issued "
                 "to localhost)";
    }
    SECTION("expired") {
        CertSpec expired = kHubCert;
        expired.valid_from_s = -30 * 86400;
        expired.valid_until_s = -86400;
        hub_cert = venue_ca.issue(expired, hub_key.get());
        reason = "the hub's certificate was refused: certificate has expired";
    }
    SECTION("self-signed by whoever answers at the hub's address") {
        hub_cert = make_certificate(kHubCert, hub_key.get(), nullptr, nullptr, 7);
        reason = "the hub's certificate was refused: self-signed certificate (it is not signed "
                 "by a CA this kiosk trusts; a venue's own CA goes in sync.ca_file)";
    }
    SECTION("signed by another CA than the venue's, even one with the same name") {
        TestCa attacker_ca("Qingshan venue CA");
        hub_cert = attacker_ca.issue(kHubCert, hub_key.get());
        reason = "the hub's certificate was refused: unable to get local issuer certificate "
                 "(it is not signed by a CA this kiosk trusts; a venue's own CA goes in "
                 "sync.ca_file)";
    }

    std::unique_ptr<InProcessHub> hub = tls_hub(hub_cert.get(), hub_key.get());
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits"});
    const std::string url = hub->url("https", host);
    std::unique_ptr<SyncClient> client = test::http_sync_client(kiosk, options_for(url, ca_file));
    const RoundResult round = client->run_round();
    CHECK_FALSE(round.ok);
    CHECK(round.error == "cannot reach " + url + ": " + reason);
    CHECK(test::synced_seq_in_db(kiosk.path) == 0);
    CHECK(hub->bucket_counts().empty());
    // No request at all reached the server, so none carried the token.
    for (const InProcessHub::SeenRequest& request : hub->requests())
        CHECK(request.authorization.empty());
    CHECK(hub->requests().empty());
}

TEST_CASE("a sync.ca_file that holds no certificate fails the round and names the file",
          "[sync][tls]") {
    TestCa venue_ca("Qingshan venue CA");
    Key hub_key = new_key();
    Cert hub_cert = venue_ca.issue(kHubCert, hub_key.get());
    std::unique_ptr<InProcessHub> hub = tls_hub(hub_cert.get(), hub_key.get());
    test::TempFolder folder;
    const bool file_exists = GENERATE(false, true);
    const std::string ca_file =
        file_exists ? folder.write("not-a-certificate.pem", "hello\n") : folder.file("missing.pem");
    INFO(ca_file);
    KioskDb kiosk;
    kiosk.commit({"exhibit/a/visits"});
    const std::string url = hub->url("https");
    std::unique_ptr<SyncClient> client = test::http_sync_client(kiosk, options_for(url, ca_file));
    RoundResult round = client->run_round();
    CHECK_FALSE(round.ok);
    CHECK(round.error == "cannot reach " + url + ": cannot load the CA certificates of " +
                             "sync.ca_file " + ca_file);
    round = client->run_round(); // the next rounds still name the file
    CHECK_FALSE(round.ok);
    CHECK(round.error == "cannot reach " + url + ": cannot load the CA certificates of " +
                             "sync.ca_file " + ca_file +
                             " (the kiosk reads it again when it restarts)");
    CHECK(test::synced_seq_in_db(kiosk.path) == 0);
    CHECK(hub->requests().empty());
}
