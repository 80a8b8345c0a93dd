// PATCH: the spec cannot say that call/sms/whatsapp need an E.164 phone, email needs an address, and custom field names are unique; check before sending.
using System.Runtime.Serialization;
using Elemente.Validation;

namespace Elemente;

public partial class CreateInteractionInput
{
    [OnSerializing]
    internal void ValidateBeforeSending(StreamingContext context)
    {
        if (RequestValidation.IsEnabled(context))
        {
            var errors = CreateInteractionValidator.Validate(this);
            if (errors.Count > 0)
            {
                throw new ElementeValidationException(errors, "body");
            }
        }
    }
}
