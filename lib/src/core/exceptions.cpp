#include <EasyNet/exceptions.h>

namespace EasyNet {

Exception::Exception(Error error) : m_error(std::move(error)), m_what(m_error.toString().toUtf8())
{
}

} // namespace EasyNet
