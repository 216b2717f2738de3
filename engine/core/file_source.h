// Where content files come from: a folder on disk (curators' sources, --dev) or
// a package (engine/content/package.h). Names are relative, with '/' between
// folders; a source never hands out anything outside itself.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace kiosk {

class FileSource {
public:
    virtual ~FileSource() = default;
    // The bytes of `name`; false and `error` when missing or unreadable.
    virtual bool read(const std::string& name, std::string& bytes, std::string& error) const = 0;
    // Every regular file, sorted.
    virtual std::vector<std::string> list() const = 0;
    // How to name `name` in messages ("FOLDER/name", "PACKAGE:name").
    virtual std::string describe(const std::string& name) const = 0;
    // Whether `name` is a regular file here (by default: a search of list()).
    virtual bool exists(const std::string& name) const;
    // What names these exact bytes, for caches of what is made from them: a
    // package's digest once computed; "" when there is none (a folder, whose
    // files change under it), and then nothing is cached.
    virtual std::string content_identity() const { return ""; }
};

// Why `name` is not a safe relative path inside a source ("" when it is): not
// empty, no leading '/', no '\\', no empty, "." or ".." parts.
std::string relative_path_problem(const std::string& name);

class FolderSource : public FileSource {
public:
    explicit FolderSource(std::string folder);
    const std::string& folder() const { return folder_; }
    bool read(const std::string& name, std::string& bytes, std::string& error) const override;
    std::vector<std::string> list() const override;
    std::string describe(const std::string& name) const override;
    bool exists(const std::string& name) const override;

private:
    std::string folder_; // canonical when it exists
};

} // namespace kiosk
