// Result<T, E>: a value or an error, for functions that can fail (errors are values, not globals).
#pragma once

namespace lib {

template <typename E>
struct Err {
    E error;
};

template <typename E>
Err<E> err(E e) { return Err<E>{e}; }

template <typename T, typename E>
class Result {
public:
    Result(T value) : ok_(true), value_(value) {}
    Result(Err<E> e) : ok_(false), error_(e.error) {}

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const T& value() const { return value_; }
    const E& error() const { return error_; }

private:
    bool ok_;
    union {
        T value_;
        E error_;
    };
};

// For operations that produce no value.
template <typename E>
class Status {
public:
    Status() : ok_(true) {}
    Status(Err<E> e) : ok_(false), error_(e.error) {}
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const E& error() const { return error_; }  // only when not ok

private:
    bool ok_;
    union {  // success writes just the flag
        E error_;
    };
};

}  // namespace lib
