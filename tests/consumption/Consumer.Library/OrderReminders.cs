using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Elemente;

namespace Consumer.Library
{
    /// <summary>What a consumer's netstandard2.0 library does with the package: build a call request and send it.</summary>
    public static class OrderReminders
    {
        /// <summary>A call reminding a customer of an order, with custom fields of each JSON type.</summary>
        public static CreateInteractionInput Build(string agentId, string skillId, string phoneNumber, string orderId, DateTime orderDate, decimal amount, bool active)
        {
            return new CreateInteractionInput
            {
                AgentId = agentId,
                SkillId = skillId,
                Channel = InteractionChannel.Call,
                CustomerOverride = new CustomerOverrideInput
                {
                    FirstName = "John",
                    PhoneNumber = phoneNumber,
                    CustomFields = new List<CustomField>
                    {
                        new CustomField("Order ID", orderId),
                        new CustomField("Order Date", orderDate),
                        new CustomField("Order Amount", amount),
                        new CustomField("Active Status", active),
                    },
                },
            };
        }

        /// <summary>Sends the request through the caller's client.</summary>
        public static Task<Interaction> SendAsync(CallsClient calls, CreateInteractionInput request, CancellationToken cancellationToken)
        {
            return calls.CreateAsync(request, cancellationToken);
        }
    }
}
