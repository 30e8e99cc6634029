// The C functions of fasttext_shim.h over fastText's C++ API. No fastText type crosses this file's boundary.
#include "fasttext_shim.h"

#include <cstring>
#include <exception>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <fasttext/fasttext.h>

namespace {
void copy_message(const std::string &message, char *error, int capacity) {
    if (error == nullptr || capacity <= 0) return;
    std::strncpy(error, message.c_str(), static_cast<size_t>(capacity - 1));
    error[capacity - 1] = '\0';
}
}  // namespace

extern "C" void *tm_fasttext_load(const char *path, char *error, int error_capacity) {
    try {
        auto *model = new fasttext::FastText();
        try {
            model->loadModel(std::string(path));
        } catch (...) {
            delete model;
            throw;
        }
        return model;
    } catch (const std::exception &e) {
        copy_message(e.what(), error, error_capacity);
    } catch (...) {
        copy_message("fastText could not load the model", error, error_capacity);
    }
    return nullptr;
}

extern "C" void tm_fasttext_free(void *model) { delete static_cast<fasttext::FastText *>(model); }

extern "C" int tm_fasttext_is_supervised(const void *model) {
    const auto *ft = static_cast<const fasttext::FastText *>(model);
    return ft->getArgs().model == fasttext::model_name::sup ? 1 : 0;
}

extern "C" int tm_fasttext_predict(const void *model, const char *utf8, int length, int k, char *labels,
                                   int label_capacity, float *probabilities) {
    const auto *ft = static_cast<const fasttext::FastText *>(model);
    // fastText reads one line: every line break becomes a space, and the line ends with one.
    std::string text(utf8, static_cast<size_t>(length));
    for (char &c : text) {
        if (c == '\n' || c == '\r' || c == '\v' || c == '\f') c = ' ';
    }
    text.push_back('\n');
    std::istringstream in(text);
    std::vector<std::pair<fasttext::real, std::string>> predictions;
    try {
        ft->predictLine(in, predictions, k, 0.0);
    } catch (...) {
        return 0;
    }
    int n = 0;
    for (const auto &prediction : predictions) {
        if (n >= k) break;
        copy_message(prediction.second, labels + static_cast<size_t>(n) * label_capacity, label_capacity);
        probabilities[n] = prediction.first;
        n++;
    }
    return n;
}
