#pragma once

// A fast strict parser for one NDJSON line, for the validator's hot loop: it builds a flat
// tree of views into the line (no QJsonDocument, no allocation once its buffers have grown).

#include <QByteArray>
#include <QByteArrayView>

#include <string>
#include <vector>

namespace tp {

/// One parsed line. Nodes are stored in document order; a container's children follow it,
/// and `end` is the index after its whole subtree, so the next sibling of node i is nodes[i].end.
class JsonLine {
public:
    enum class Kind : quint8 { Null, Bool, Number, String, Array, Object };
    struct Node {
        Kind kind = Kind::Null;
        bool boolean = false;
        bool integral = false; ///< Number: the value is a whole number (1, 1.0, 1e2)
        double number = 0;
        QByteArrayView key;  ///< member name when the parent is an object (decoded)
        QByteArrayView text; ///< String: decoded UTF-8; other kinds: the source text
        int end = 0;         ///< index after this node's subtree
        int codePoints = 0;  ///< String: length in Unicode code points
    };

    /// Parses `line` (which must outlive the nodes). False on any syntax error, invalid UTF-8 or
    /// nesting deeper than 64: error() says what, errorOffset() where (0-based byte).
    bool parse(QByteArrayView line);
    [[nodiscard]] const std::vector<Node>& nodes() const { return m_nodes; }
    [[nodiscard]] const Node& node(int i) const { return m_nodes[std::size_t(i)]; }
    [[nodiscard]] const char* error() const { return m_error; }
    [[nodiscard]] qsizetype errorOffset() const { return m_errorAt; }
    /// The member `key` of the object at node `object`, or -1.
    [[nodiscard]] int member(int object, QByteArrayView key) const;

private:
    bool value(int depth, QByteArrayView key);
    bool string(QByteArrayView& out, int* codePoints);
    bool number(Node& n);
    bool fail(const char* what);
    void skipSpace();

    const char* m_begin = nullptr;
    const char* m_p = nullptr;
    const char* m_end = nullptr;
    std::vector<Node> m_nodes;
    /// Decoded strings with escapes. Reserved to the line's size before parsing, so views into
    /// it stay valid (a decoded string is never longer than its source).
    std::string m_decoded;
    const char* m_error = nullptr;
    qsizetype m_errorAt = 0;
};

} // namespace tp
