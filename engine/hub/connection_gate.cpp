// The waiting room, the worker pool and their socket stream (see
// connection_gate_internal.h).
//
// httplib's accept loop hands each accepted socket to process_and_close_socket
// through its task queue; ours runs that call inline, so the accept thread
// only files the socket here. A connection is owned by exactly one place at a
// time: the waiting room's map, the ready queue, or the worker answering it.
// The waiting room reads without blocking into the connection's buffer; the
// worker's stream serves the buffered bytes first, then reads the socket with
// poll, bounded by the stall and request deadlines. Bytes left over after a
// request (a pipelined next one) stay in the buffer for the next round.
#include "connection_gate_internal.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk::hub {
namespace {

int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The numeric address and port of a socket's peer (or of its own end).
void socket_address(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int result = peer ? getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length)
                            : getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    ip.clear();
    port = 0;
    if (result != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
        inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
        port = ntohs(v4->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
        inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
        port = ntohs(v6->sin6_port);
    }
    ip = text;
}

// A short final answer written without waiting (the socket is non-blocking);
// whatever does not fit is dropped with the connection.
void answer_and_close(int fd, int status, const char* reason, const std::string& message) {
    if (status > 0) {
        const std::string body = "{\"error\":\"" + message + "\"}";
        const std::string answer =
            "HTTP/1.1 " + std::to_string(status) + " " + reason +
            "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\nConnection: close\r\n\r\n" + body;
        [[maybe_unused]] const ssize_t sent =
            send(fd, answer.data(), answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    }
    shutdown(fd, SHUT_RDWR);
    close(fd);
}

struct Connection {
    int fd = -1;
    std::string address;
    int port = 0;
    std::string buffer; // received, not yet read by httplib: buffer[offset..]
    size_t offset = 0;
    int requests = 0;          // answered so far
    int64_t head_deadline = 0; // the whole head must be buffered by then
    int64_t waiting_since = 0; // when it last entered the waiting room

    size_t unread() const { return buffer.size() - offset; }
    bool head_complete() const {
        const std::string_view rest = std::string_view(buffer).substr(offset);
        return rest.find("\r\n\r\n") != std::string_view::npos ||
               rest.find("\n\n") != std::string_view::npos;
    }
};

// httplib's view of a connection while a worker answers it.
class GateStream : public httplib::Stream {
public:
    GateStream(Connection& connection, int64_t deadline, int64_t stall_ms)
        : connection_(connection), deadline_(deadline), stall_ms_(stall_ms) {}

    bool is_readable() const override { return connection_.unread() > 0 || wait_for(POLLIN); }
    bool is_writable() const override { return wait_for(POLLOUT); }

    ssize_t read(char* into, size_t size) override {
        if (connection_.unread() > 0) {
            const size_t count = std::min(size, connection_.unread());
            std::copy_n(connection_.buffer.data() + connection_.offset, count, into);
            connection_.offset += count;
            return static_cast<ssize_t>(count);
        }
        while (wait_for(POLLIN)) {
            const ssize_t count = recv(connection_.fd, into, size, 0);
            if (count >= 0 || (errno != EAGAIN && errno != EINTR)) return count;
        }
        return -1;
    }

    ssize_t write(const char* from, size_t size) override {
        while (wait_for(POLLOUT)) {
            const ssize_t count = send(connection_.fd, from, size, MSG_NOSIGNAL);
            if (count >= 0 || (errno != EAGAIN && errno != EINTR)) return count;
        }
        return -1;
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = connection_.address;
        port = connection_.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        socket_address(connection_.fd, false, ip, port);
    }
    socket_t socket() const override { return connection_.fd; }

private:
    // Waits for `events`, at most the stall time and never past the deadline.
    bool wait_for(short events) const {
        const int64_t wait_ms = std::min(stall_ms_, deadline_ - steady_ms());
        if (wait_ms <= 0) return false;
        pollfd ready{connection_.fd, events, 0};
        return poll(&ready, 1, static_cast<int>(wait_ms)) > 0 && (ready.revents & events);
    }

    Connection& connection_;
    int64_t deadline_;
    int64_t stall_ms_;
};

// Runs httplib's per-connection call right away, on the accept thread.
class InlineTaskQueue : public httplib::TaskQueue {
public:
    void enqueue(std::function<void()> task) override { task(); }
    void shutdown() override {}
};

} // namespace

class ConnectionGate {
public:
    ConnectionGate(GatedServer& server, const GateLimits& limits)
        : server_(server), limits_(limits), wake_fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
        waiting_room_ = std::thread([this] { run_waiting_room(); });
        for (int i = 0; i < std::max(1, limits_.workers); ++i)
            workers_.emplace_back([this] { run_worker(); });
    }
    ~ConnectionGate() {
        finish();
        if (wake_fd_ >= 0) close(wake_fd_);
    }

    void admit(int fd) {
        auto connection = std::make_unique<Connection>();
        connection->fd = fd;
        socket_address(fd, true, connection->address, connection->port);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        std::unique_lock lock(mutex_);
        int& from_address = per_address_[connection->address];
        if (stopping_ || open_ >= limits_.max_connections ||
            from_address >= limits_.max_per_address) {
            if (from_address == 0) per_address_.erase(connection->address);
            lock.unlock();
            answer_and_close(fd, 503, "Service Unavailable", "too many open connections");
            return;
        }
        ++from_address;
        ++open_;
        const int64_t now = steady_ms();
        connection->waiting_since = now;
        connection->head_deadline = now + limits_.head_timeout_ms;
        waiting_[fd] = std::move(connection);
        wake_waiting_room();
    }

    void finish() {
        {
            std::lock_guard lock(mutex_);
            if (finished_) return;
            finished_ = stopping_ = true;
        }
        wake_waiting_room();
        ready_changed_.notify_all();
        waiting_room_.join();
        for (std::thread& worker : workers_)
            worker.join();
    }

private:
    void wake_waiting_room() {
        const uint64_t one = 1;
        [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof one);
    }

    // Forgets a connection (the lock held) and closes it with a last answer.
    void drop(std::unique_ptr<Connection> connection, int status = 0, const char* reason = "",
              const std::string& message = "") {
        auto found = per_address_.find(connection->address);
        if (found != per_address_.end() && --found->second <= 0) per_address_.erase(found);
        --open_;
        answer_and_close(connection->fd, status, reason, message);
    }

    // Files a connection whose head is complete for the workers, or else back
    // in the waiting room (the lock held).
    void file(std::unique_ptr<Connection> connection) {
        if (connection->head_complete()) {
            ready_.push_back(std::move(connection));
            ready_changed_.notify_all();
        } else {
            const int fd = connection->fd;
            waiting_[fd] = std::move(connection);
            wake_waiting_room();
        }
    }

    // Reads what has arrived without blocking; false when the peer has gone.
    bool read_available(Connection& connection) {
        if (connection.offset > 0) {
            connection.buffer.erase(0, connection.offset);
            connection.offset = 0;
        }
        char chunk[4096];
        while (connection.buffer.size() <= limits_.max_head_bytes) {
            const ssize_t count = recv(connection.fd, chunk, sizeof chunk, MSG_DONTWAIT);
            if (count > 0) {
                connection.buffer.append(chunk, static_cast<size_t>(count));
                continue;
            }
            return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
        }
        return true;
    }

    void run_waiting_room() {
        std::vector<pollfd> watched;
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            watched.assign(1, pollfd{wake_fd_, POLLIN, 0});
            int64_t next_deadline = steady_ms() + 1000;
            for (const auto& [fd, connection] : waiting_) {
                watched.push_back(pollfd{fd, POLLIN, 0});
                next_deadline = std::min(next_deadline, deadline_of(*connection));
            }
            lock.unlock();
            poll(watched.data(), watched.size(),
                 static_cast<int>(std::max<int64_t>(0, next_deadline - steady_ms())));
            uint64_t wakes = 0;
            [[maybe_unused]] const ssize_t drained = ::read(wake_fd_, &wakes, sizeof wakes);
            lock.lock();
            if (stopping_) break;
            for (size_t i = 1; i < watched.size(); ++i)
                if (watched[i].revents != 0) take_input(watched[i].fd);
            expire(steady_ms());
        }
        for (auto& [fd, connection] : waiting_)
            drop(std::move(connection));
        waiting_.clear();
    }

    int64_t deadline_of(const Connection& connection) const {
        if (connection.requests > 0 && connection.unread() == 0)
            return std::min(connection.head_deadline,
                            connection.waiting_since + limits_.idle_timeout_ms);
        return connection.head_deadline;
    }

    void take_input(int fd) {
        auto found = waiting_.find(fd);
        if (found == waiting_.end()) return;
        std::unique_ptr<Connection> connection = std::move(found->second);
        waiting_.erase(found);
        if (!read_available(*connection)) {
            drop(std::move(connection));
        } else if (connection->head_complete()) {
            file(std::move(connection));
        } else if (connection->unread() > limits_.max_head_bytes) {
            drop(std::move(connection), 431, "Request Header Fields Too Large",
                 "the request line and headers are over " + std::to_string(limits_.max_head_bytes) +
                     " bytes");
        } else {
            waiting_[fd] = std::move(connection);
        }
    }

    void expire(int64_t now) {
        for (auto it = waiting_.begin(); it != waiting_.end();) {
            if (deadline_of(*it->second) > now) {
                ++it;
                continue;
            }
            std::unique_ptr<Connection> connection = std::move(it->second);
            it = waiting_.erase(it);
            if (connection->unread() == 0)
                drop(std::move(connection)); // idle: closed without a word
            else
                drop(std::move(connection), 408, "Request Timeout",
                     "the request line and headers did not arrive within " +
                         std::to_string(limits_.head_timeout_ms / 1000) + " s");
        }
    }

    // The first ready connection whose address is under its share of the
    // workers, taken out of the queue; null when there is none.
    std::unique_ptr<Connection> take_ready() {
        const int share = std::max(1, limits_.workers / 2);
        for (auto it = ready_.begin(); it != ready_.end(); ++it) {
            if (busy_[(*it)->address] >= share) continue;
            std::unique_ptr<Connection> connection = std::move(*it);
            ready_.erase(it);
            ++busy_[connection->address];
            return connection;
        }
        return nullptr;
    }

    void run_worker() {
        std::unique_lock lock(mutex_);
        for (;;) {
            std::unique_ptr<Connection> connection;
            ready_changed_.wait(lock, [&] {
                return (connection = take_ready()) != nullptr || (stopping_ && ready_.empty());
            });
            if (!connection) return;
            const bool last =
                stopping_ || connection->requests + 1 >= limits_.max_requests_per_connection;
            lock.unlock();
            GateStream stream(*connection, steady_ms() + limits_.request_timeout_ms,
                              limits_.stall_timeout_ms);
            bool closed = false;
            const bool answered = server_.process_request(stream, last, closed, nullptr);
            lock.lock();
            if (--busy_[connection->address] <= 0) busy_.erase(connection->address);
            ready_changed_.notify_all();
            ++connection->requests;
            if (!answered || closed || last || stopping_) {
                drop(std::move(connection));
                continue;
            }
            const int64_t now = steady_ms();
            connection->waiting_since = now;
            connection->head_deadline = now + limits_.head_timeout_ms;
            file(std::move(connection));
        }
    }

    GatedServer& server_;
    const GateLimits limits_;
    const int wake_fd_;
    std::mutex mutex_;
    std::condition_variable ready_changed_;
    bool stopping_ = false, finished_ = false;
    int open_ = 0;
    std::map<std::string, int> per_address_; // open connections
    std::map<std::string, int> busy_;        // connections being answered
    std::map<int, std::unique_ptr<Connection>> waiting_;
    std::deque<std::unique_ptr<Connection>> ready_;
    std::thread waiting_room_;
    std::vector<std::thread> workers_;
};

GatedServer::GatedServer(const GateLimits& limits)
    : gate_(std::make_unique<ConnectionGate>(*this, limits)) {
    new_task_queue = [] { return new InlineTaskQueue; };
}

GatedServer::~GatedServer() = default;

void GatedServer::finish() {
    gate_->finish();
}

bool GatedServer::process_and_close_socket(socket_t sock) {
    gate_->admit(sock);
    return true;
}

} // namespace kiosk::hub
