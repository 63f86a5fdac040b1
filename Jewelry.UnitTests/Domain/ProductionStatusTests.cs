extern alias MesApi;

using Jewelry.Contracts.Orders;
using MesApi::Jewelry.MesApi.Production;

namespace Jewelry.UnitTests.Domain;

public sealed class ProductionStatusTests
{
    [Theory]
    [InlineData(OrderStatuses.Approved, OrderStatuses.InProduction)]
    [InlineData(OrderStatuses.Approved, OrderStatuses.Cancelled)]
    [InlineData(OrderStatuses.InProduction, OrderStatuses.QualityCheck)]
    [InlineData(OrderStatuses.InProduction, OrderStatuses.Cancelled)]
    [InlineData(OrderStatuses.QualityCheck, OrderStatuses.Completed)]
    [InlineData(OrderStatuses.QualityCheck, OrderStatuses.InProduction)]
    public void An_operator_moves_an_order_forward_back_to_the_bench_or_cancels_it_before_the_check(string from, string to) =>
        Assert.True(ProductionStatus.OperatorMayMove(from, to));

    [Theory]
    [InlineData(OrderStatuses.Submitted, OrderStatuses.InProduction)]
    [InlineData(OrderStatuses.PriceCalculated, OrderStatuses.InProduction)]
    [InlineData(OrderStatuses.Approved, OrderStatuses.Completed)]
    [InlineData(OrderStatuses.InProduction, OrderStatuses.Completed)]
    [InlineData(OrderStatuses.QualityCheck, OrderStatuses.Cancelled)]
    [InlineData(OrderStatuses.Completed, OrderStatuses.InProduction)]
    [InlineData(OrderStatuses.Cancelled, OrderStatuses.InProduction)]
    [InlineData(OrderStatuses.InProduction, OrderStatuses.InProduction)]
    [InlineData("inproduction", OrderStatuses.QualityCheck)]
    public void An_operator_cannot_skip_a_step_leave_an_end_state_or_move_an_order_not_yet_approved(string from, string to) =>
        Assert.False(ProductionStatus.OperatorMayMove(from, to));

    [Fact]
    public void The_statuses_an_operator_may_set_are_those_the_moves_lead_to() =>
        Assert.Equal(
            [OrderStatuses.InProduction, OrderStatuses.QualityCheck, OrderStatuses.Completed, OrderStatuses.Cancelled],
            ProductionStatus.OperatorTargets);
}
