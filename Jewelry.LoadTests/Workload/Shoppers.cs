using System.Buffers.Binary;
using System.Net.Http.Json;
using System.Text.Json;
using Jewelry.LoadTests.Receiver;
using Jewelry.LoadTests.Systems;

namespace Jewelry.LoadTests.Workload;

/// <summary>
/// Sends the operations of the mix to one variant's system, as its customers, seller and operator. Every request
/// starts a trace of its own (a random trace id under the load generator's parent span id), so the receiver's
/// count can say which requests' spans arrived. An operation that has nothing to act on yet (no priced order to
/// approve) sends the request that finds some instead, so each operation is exactly one request.
/// </summary>
public sealed class Shoppers(HttpClient http, VariantSystem system, Participants participants)
{
    private static readonly string[] Categories = ["ring", "necklace", "earrings", "bracelet", "pendant", "brooch"];
    private static readonly string[] Materials = ["gold-585", "gold-750", "platinum-950", "silver-925"];
    private const int CatalogItems = 24;

    private readonly OrderBook _orders = new();

    public VariantSystem System => system;

    public async Task<RequestResult> SendAsync(Operation operation, Random random, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case Operation.BrowseCatalog:
                return await SendAsync(operation, HttpMethod.Get, system.Shop, $"/api/catalog/items?page={random.Next(1, 3)}&pageSize=12", null, null, null, cancellationToken);
            case Operation.SearchCatalog:
                return await SendAsync(operation, HttpMethod.Get, system.Shop,
                    $"/api/catalog/items?category={Categories[random.Next(Categories.Length)]}&material={Materials[random.Next(Materials.Length)]}", null, null, null, cancellationToken);
            case Operation.ViewItem:
                return await SendAsync(operation, HttpMethod.Get, system.Shop, $"/api/catalog/items/{random.Next(1, CatalogItems + 1)}", null, null, null, cancellationToken);
            case Operation.PlaceOrder:
                return await PlaceOrderAsync(random, cancellationToken);
            case Operation.FollowOrder when _orders.AnyPlaced(random) is var (customer, orderId):
                return await SendAsync(operation, HttpMethod.Get, system.Shop, $"/api/orders/{orderId}", customer.Token, null, null, cancellationToken);
            case Operation.FollowOrder:
                return await SendAsync(Operation.BrowseCatalog, random, cancellationToken);
            case Operation.ApproveOrder when _orders.TryTakeToApprove(out var orderId):
                return await SendAsync(operation, HttpMethod.Post, system.Crm, $"/api/orders/{orderId}/approve", participants.SellerToken, null, null, cancellationToken);
            case Operation.ApproveOrder or Operation.SellerWorklist:
                return await SendAsync(Operation.SellerWorklist, HttpMethod.Get, system.Crm, "/api/orders/worklist?pageSize=20", participants.SellerToken, null,
                    page => _orders.OnWorklist(OrderIds(page)), cancellationToken);
            case Operation.MoveProduction when _orders.TryTakeToMove(out var move):
                return await SendAsync(operation, HttpMethod.Post, system.Mes, $"/api/production-orders/{move.OrderId}/status", participants.OperatorToken,
                    new { status = move.NextStatus },
                    _ =>
                    {
                        if (NextStatus(move.NextStatus) is { } next)
                        {
                            _orders.MoveLater(move.OrderId, next);
                        }
                    },
                    cancellationToken);
            case Operation.MoveProduction or Operation.OperatorQueue:
                return await SendAsync(Operation.OperatorQueue, HttpMethod.Get, system.Mes, "/api/production-orders?status=Approved&pageSize=20", participants.OperatorToken, null,
                    page => _orders.ReadyForProduction(OrderIds(page), "InProduction"), cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private Task<RequestResult> PlaceOrderAsync(Random random, CancellationToken cancellationToken)
    {
        var customer = participants.Customers[random.Next(participants.Customers.Count)];
        // One order in five is a custom piece: more input on the span, and an engraving that must be redacted.
        object body = random.Next(5) == 0
            ? new
            {
                customPiece = new
                {
                    modelId = customer.ModelId,
                    material = Materials[random.Next(Materials.Length)],
                    ringSizeMm = 17.5m,
                    engravingText = "For Anna, always",
                },
                comment = "Please polish to a mirror finish.",
            }
            : new
            {
                items = new[] { new { catalogItemId = random.Next(1, CatalogItems + 1), quantity = random.Next(1, 3) } },
                comment = (string?)null,
            };
        return SendAsync(Operation.PlaceOrder, HttpMethod.Post, system.Shop, "/api/orders", customer.Token, body,
            created => _orders.Placed(customer, created.GetProperty("orderId").GetGuid()), cancellationToken);
    }

    private async Task<RequestResult> SendAsync(
        Operation operation, HttpMethod method, ServiceEndpoint service, string path, string? token, object? body,
        Action<JsonElement>? onSuccess, CancellationToken cancellationToken)
    {
        var traceId = NewTraceId();
        using var request = new HttpRequestMessage(method, new Uri(service.Address, path));
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId:x32}-{Convert.ToHexStringLower(ReceivedTelemetry.RequestParentSpanId)}-01");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode && onSuccess is not null)
            {
                onSuccess(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
            }
            else
            {
                // Read to the end, so the connection goes back to the pool.
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            return new RequestResult(operation, (int)response.StatusCode, traceId);
        }
        catch (HttpRequestException)
        {
            return new RequestResult(operation, RequestResult.TransportFailure, traceId);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new RequestResult(operation, RequestResult.TransportFailure, traceId);
        }
    }

    private static List<Guid> OrderIds(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(order => order.GetProperty("orderId").GetGuid()).ToList();

    private static string? NextStatus(string status) => status switch
    {
        "InProduction" => "QualityCheck",
        "QualityCheck" => "Completed",
        _ => null,
    };

    private static UInt128 NewTraceId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}

/// <summary>What one request got: the HTTP status, or <see cref="TransportFailure"/> when no answer came.</summary>
public readonly record struct RequestResult(Operation Operation, int StatusCode, UInt128 TraceId)
{
    public const int TransportFailure = 0;

    public bool IsServerError => StatusCode is TransportFailure or >= 500;
}
